import { MAX_JSON_DEPTH } from "./limits";

// PostgreSQL's jsonb refuses the escapes JSON.stringify writes for NUL and for unpaired UTF-16
// surrogates. An escape is real when an even number of backslashes precedes it.
const UNSTORABLE_ESCAPE = /(?<=(?:^|[^\\])(?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi;

/**
 * The JSON text stored in a jsonb column, with characters PostgreSQL cannot store replaced by
 * U+FFFD, or null when the value nests deeper than MAX_JSON_DEPTH.
 */
export function toStorableJson(value: unknown): string | null {
  if (exceedsDepth(value, MAX_JSON_DEPTH)) return null;
  const text = JSON.stringify(value);
  return text.includes("\\u") ? text.replace(UNSTORABLE_ESCAPE, "\\ufffd") : text;
}

function exceedsDepth(value: unknown, remaining: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (remaining === 0) return true;
  if (Array.isArray(value)) return value.some((item) => exceedsDepth(item, remaining - 1));
  for (const key in value) if (exceedsDepth((value as Record<string, unknown>)[key], remaining - 1)) return true;
  return false;
}

/** Identifiers go into text columns, which cannot hold NUL; unpaired surrogates would collide after UTF-8 encoding. */
export function toStorableText(text: string): string | null {
  if (text.includes("\0")) return null;
  return text.isWellFormed() ? text : text.toWellFormed();
}
