import { regexes } from "zod";
import { toStorableJson } from "./json-text";
import { MAX_ATTRIBUTES, MAX_EVENT_KEY_LENGTH, MAX_METADATA_CHARS, MAX_USER_ID_LENGTH } from "./limits";
import { EXPOSURE_EVENT_KEY, isStorableRuleKey, type WireEvent } from "./schema";
import { parseTimestamp } from "./time";

type Json = { value: Record<string, unknown>; json: string };

/**
 * The hot path of ingest: plain checks for the well-formed events SDKs send, several times
 * cheaper than the zod schema. It returns exactly what wireEventSchema would, or null for
 * anything unusual, which then goes through the schema for its verdict and error messages
 * (tests/integration/ingest-fuzz.test.ts checks the two agree).
 */
export function parseEventFast(raw: unknown): WireEvent | null {
  if (!isObject(raw)) return null;
  const { id, eventKey, userId, value } = raw;
  if (id != null && (typeof id !== "string" || !regexes.guid.test(id))) return null;
  if (!isIdentifier(eventKey, MAX_EVENT_KEY_LENGTH) || !isIdentifier(userId, MAX_USER_ID_LENGTH)) return null;
  const timestamp = parseTimestamp(raw.timestamp);
  if (timestamp === null) return null;
  if (value != null && (typeof value !== "number" || !Number.isFinite(value))) return null;
  const metadata = jsonField(raw.metadata, MAX_METADATA_CHARS);
  const attributes = jsonField(raw.attributes, Infinity, (o) => Object.keys(o).length <= MAX_ATTRIBUTES);
  const decisions = jsonField(raw.decisions, Infinity, (o) => Object.values(o).every((v) => typeof v === "string"));
  if (metadata === false || attributes === false || decisions === false) return null;
  if (eventKey === EXPOSURE_EVENT_KEY && !isExposureMetadata(metadata?.value)) return null;

  const event: WireEvent = { eventKey, userId, timestamp };
  // Mirror zod's output: keys present in the input stay present (null included), absent ones stay absent.
  if (id !== undefined) event.id = id as string | null;
  if (value !== undefined) event.value = value as number | null;
  if (metadata !== undefined) event.metadata = metadata;
  if (attributes !== undefined) event.attributes = attributes;
  if (decisions !== undefined) event.decisions = decisions as WireEvent["decisions"];
  return event;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isIdentifier(value: unknown, max: number): value is string {
  return typeof value === "string" && value.length >= 1 && value.length <= max && !value.includes("\0") && value.isWellFormed();
}

/** undefined/null pass through, a valid object becomes its JSON, false means "let the schema decide". */
function jsonField(
  value: unknown,
  maxChars: number,
  valid: (o: Record<string, unknown>) => boolean = () => true,
): Json | null | undefined | false {
  if (value == null) return value as null | undefined;
  if (!isObject(value) || !valid(value)) return false;
  const json = toStorableJson(value);
  return json !== null && json.length <= maxChars ? { value, json } : false;
}

function isExposureMetadata(metadata: Record<string, unknown> | undefined): boolean {
  if (!metadata) return false;
  const { flagKey, variationKey, ruleKey } = metadata;
  return (
    isIdentifier(flagKey, MAX_USER_ID_LENGTH) &&
    isIdentifier(variationKey, MAX_USER_ID_LENGTH) &&
    (ruleKey == null || (typeof ruleKey === "string" && isStorableRuleKey(ruleKey) && ruleKey.isWellFormed()))
  );
}
