// Client timestamps: ISO-8601 with any fractional precision and an optional zone (UTC when absent),
// or epoch milliseconds.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
/** The range JavaScript dates cover; PostgreSQL's timestamptz covers all of it from 1970 on. */
const MAX_EPOCH_MS = 8.64e15;

/** Epoch milliseconds of an ISO-8601 string or epoch-millisecond number, or null when it is neither. */
export function parseTimestamp(input: unknown): number | null {
  if (typeof input === "number") {
    return Number.isFinite(input) && input >= 0 && input <= MAX_EPOCH_MS ? Math.round(input) : null;
  }
  if (typeof input !== "string" || input.length > 40) return null;
  const m = ISO_8601.exec(input);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as number[];
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  const local = Date.UTC(year!, month! - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2024-02-30 over into March: a changed field means an invalid date.
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== year || check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day ||
    check.getUTCHours() !== hour || check.getUTCMinutes() !== minute || check.getUTCSeconds() !== second
  ) {
    return null;
  }
  const ms = local - zoneOffsetMs(m[8]);
  return ms >= 0 && ms <= MAX_EPOCH_MS ? ms : null;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === "Z" || zone === "z") return 0;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  if (hours > 23 || minutes > 59) return Number.NaN; // makes the result fail the range check
  return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}
