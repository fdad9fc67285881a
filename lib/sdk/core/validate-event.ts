import type { TrackEventOptions } from "./types";

export const MAX_EVENT_KEY_LENGTH = 100;
export const MAX_METADATA_CHARS = 5000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function serializedLength(value: unknown): number | null {
  try {
    return JSON.stringify(value).length;
  } catch {
    return null; // cycles, BigInt
  }
}

/** Why trackEvent input is unusable, or null when it is fine. */
export function invalidEventReason(eventKey: unknown, options: TrackEventOptions | undefined): string | null {
  if (typeof eventKey !== "string" || eventKey.length < 1 || eventKey.length > MAX_EVENT_KEY_LENGTH) {
    return `eventKey must be a string of 1-${MAX_EVENT_KEY_LENGTH} characters`;
  }
  if (options === undefined) return null;
  if (typeof options !== "object" || options === null) return "options must be an object";
  const { value, metadata } = options;
  if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value))) {
    return "value must be a finite number";
  }
  if (metadata !== undefined) {
    if (!isPlainObject(metadata)) return "metadata must be a plain object";
    const length = serializedLength(metadata);
    if (length === null) return "metadata must be JSON-serializable";
    if (length > MAX_METADATA_CHARS) return `metadata exceeds ${MAX_METADATA_CHARS} serialized characters (${length})`;
  }
  return null;
}
