// Client timestamps: ISO-8601 with any fractional precision and an optional zone (UTC when absent),
// or epoch milliseconds.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
/** The range JavaScript dates cover; PostgreSQL's timestamptz covers all of it from 1970 on. */
const MAX_EPOCH_MS = 8.64e15;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch milliseconds of an ISO-8601 string or epoch-millisecond number, or null when it is neither. */
export function parseTimestamp(input: unknown): number | null {
  if (typeof input === "number") {
    return Number.isFinite(input) && input >= 0 && input <= MAX_EPOCH_MS ? Math.round(input) : null;
  }
  if (typeof input !== "string" || input.length > 40) return null;
  const m = ISO_8601.exec(input);
  // The pattern admits a date without a time and a time without seconds, but those have always been
  // refused (they used to reach Date.UTC as NaN); accepting them would change the wire contract.
  if (!m || m[6] === undefined) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  // Fields out of range (2024-02-30, 25:00) are invalid, not rolled over as Date.UTC would; checked
  // by arithmetic because this runs for every event and Next.js wraps the Date constructor.
  // Date.UTC reads years 0-99 as 1900-1999: refused (they are before 1970 anyway).
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - zoneOffsetMs(m[8]);
  return ms >= 0 && ms <= MAX_EPOCH_MS ? ms : null;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === "Z" || zone === "z") return 0;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  if (hours > 23 || minutes > 59) return Number.NaN; // makes the result fail the range check
  return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}
