import { z } from "zod";
import { InvalidInputError, type FieldErrors } from "./errors";

/** Parses untrusted input (form state or JSON body) or throws InvalidInputError with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new InvalidInputError(fieldErrorsOf(result.error));
  return result.data;
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    (errors[path] ??= []).push(issue.message);
  }
  return errors;
}

const typeError = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? "Required" : expected;

/** Trimmed text; "" fails with "Required". */
export const requiredText = (max: number) =>
  z.string({ error: typeError("Must be text") }).trim().min(1, "Required").max(max, `At most ${max} characters`);

/** Trimmed text, "" when absent. */
export const optionalText = (max: number) =>
  z.string({ error: "Must be text" }).trim().max(max, `At most ${max} characters`).default("");

/** Keys that end up in SDK code and URLs (flags, variations, rules, variables). */
export const keySchema = requiredText(64).regex(/^[A-Za-z0-9_-]*$/, "Use only letters, digits, - and _");

/** Form inputs send numbers as text; "" and null mean "not set". */
function toNumberOrUnset(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

const number = () => z.number({ error: typeError("Must be a number") });

/** A required number; `refine` adds bounds (e.g. `(n) => n.min(0)`). */
export const numberField = (refine: (n: z.ZodNumber) => z.ZodNumber = (n) => n) =>
  z.preprocess(toNumberOrUnset, refine(number()));

export const optionalNumberField = (refine: (n: z.ZodNumber) => z.ZodNumber = (n) => n) =>
  z.preprocess(toNumberOrUnset, refine(number()).optional());

/** Checkbox values ("on"), "true"/"false" text, or JSON booleans. */
export const booleanField = z.preprocess(
  (value) => (value === "on" || value === "true" ? true : value === "false" || value === "" || value === undefined ? false : value),
  z.boolean({ error: "Must be true or false" }),
);

/** An id chosen from a list; "" counts as not chosen. */
export const optionalId = z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().min(1).optional());

/**
 * A typed-in condition value as stored in rules and metric filters: "true"/"false" become booleans and
 * canonical numbers become numbers (so `age equals 30` matches the number 30), anything else stays text.
 * Leading zeros keep text like zip codes ("02134") as text.
 */
export function parseScalar(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (trimmed === "true") return true;
  if (trimmed === "false") return false;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar =>
  typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) || typeof v === "boolean";

const LIST_OPERATORS = new Set(["in", "not_in"]);
const NUMERIC_OPERATORS = new Set(["greater_than", "less_than", "greater_than_or_equals", "less_than_or_equals"]);
const TEXT_OPERATORS = new Set(["contains", "not_contains"]);

/**
 * Normalises the value of a condition for its operator: a list for in/not_in (text is split on commas),
 * a number for comparisons, text for contains, a scalar otherwise. Returns an error message instead when
 * the value does not fit.
 */
export function conditionValue(operator: string, raw: unknown): { value: Scalar | Scalar[] } | { error: string } {
  if (LIST_OPERATORS.has(operator)) {
    const items = typeof raw === "string" ? raw.split(",").map((s) => s.trim()).filter(Boolean).map(parseScalar) : raw;
    if (!Array.isArray(items) || items.length === 0) return { error: "Enter one or more values, separated by commas" };
    if (!items.every(isScalar)) return { error: "List values must be text, numbers or true/false" };
    return { value: items };
  }
  if (NUMERIC_OPERATORS.has(operator)) {
    const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
    if (typeof value !== "number" || !Number.isFinite(value)) return { error: "Must be a number" };
    return { value };
  }
  if (TEXT_OPERATORS.has(operator)) {
    if (typeof raw !== "string" || raw === "") return { error: "Required" };
    return { value: raw };
  }
  if (typeof raw === "string") return raw.trim() === "" ? { error: "Required" } : { value: parseScalar(raw) };
  if (!isScalar(raw)) return { error: "Must be text, a number or true/false" };
  return { value: raw };
}

/** Adds a "Duplicate" issue at `${path}.${index}.${field}` for every repeated value. */
export function flagDuplicates(
  ctx: z.RefinementCtx,
  path: string,
  values: readonly string[],
  field: string,
  message = "Must be unique",
) {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: "custom", message, path: [path, index, field] });
    seen.add(value);
  });
}
