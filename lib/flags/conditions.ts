import type { Attributes, Audience, AudienceMatchType, Condition } from "./types";

type Scalar = string | number | boolean;

function isScalar(value: unknown): value is Scalar {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** Numbers as is, numeric strings coerced; anything else is NaN (which fails every comparison). */
function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "") return Number(value);
  return Number.NaN;
}

function compareNumbers(actual: unknown, expected: unknown, test: (a: number, b: number) => boolean): boolean {
  const a = toNumber(actual);
  const b = toNumber(expected);
  return !Number.isNaN(a) && !Number.isNaN(b) && test(a, b);
}

/** Substring for strings, membership for arrays; other attribute types never contain anything. */
function contains(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "string") return typeof expected === "string" && actual.includes(expected);
  if (Array.isArray(actual)) return actual.includes(expected);
  return false;
}

function isIn(actual: unknown, expected: unknown): boolean {
  return Array.isArray(expected) && expected.includes(actual);
}

/** A missing (undefined or null) attribute fails every condition, including the negated ones. */
export function matchesCondition(condition: Condition, attributes: Attributes | undefined): boolean {
  const actual = attributes?.[condition.attribute];
  if (actual === undefined || actual === null) return false;
  const expected = condition.value;
  switch (condition.operator) {
    case "equals":
      return isScalar(actual) && actual === expected;
    case "not_equals":
      return !(isScalar(actual) && actual === expected);
    case "greater_than":
      return compareNumbers(actual, expected, (a, b) => a > b);
    case "less_than":
      return compareNumbers(actual, expected, (a, b) => a < b);
    case "greater_than_or_equals":
      return compareNumbers(actual, expected, (a, b) => a >= b);
    case "less_than_or_equals":
      return compareNumbers(actual, expected, (a, b) => a <= b);
    case "in":
      return isIn(actual, expected);
    case "not_in":
      // A malformed (non-array) list must not widen the audience.
      return Array.isArray(expected) && !isIn(actual, expected);
    case "contains":
      return contains(actual, expected);
    case "not_contains":
      return !contains(actual, expected);
    default:
      // Unknown operators (a newer config) fail closed.
      return false;
  }
}

/** Conditions within an audience are ANDed. */
export function matchesAudience(audience: Audience, attributes: Attributes | undefined): boolean {
  return audience.conditions.every((condition) => matchesCondition(condition, attributes));
}

/** No audiences means everyone; otherwise any/all of them (default "all"). */
export function matchesAudiences(
  audiences: Audience[] | undefined,
  matchType: AudienceMatchType | undefined,
  attributes: Attributes | undefined,
): boolean {
  if (!audiences || audiences.length === 0) return true;
  return matchType === "any"
    ? audiences.some((audience) => matchesAudience(audience, attributes))
    : audiences.every((audience) => matchesAudience(audience, attributes));
}
