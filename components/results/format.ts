// Number formatting shared by the results table, charts, verdicts and exports.
import type { Interval, MetricKind } from "@/lib/results/model";

const MINUS = "\u2212";

function trim(text: string): string {
  return text.replace("-", MINUS);
}

/** 0.1234 -> "12.3%". */
export function percent(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return "–";
  return trim(`${(value * 100).toFixed(digits)}%`);
}

/** Relative lift with its sign: 0.124 -> "+12.4%". */
export function signedPercent(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return "–";
  const text = `${(value * 100).toFixed(digits)}%`;
  return value > 0 && text !== `${(0).toFixed(digits)}%` ? `+${text}` : trim(text);
}

export function integer(value: number | null): string {
  return value === null || !Number.isFinite(value) ? "–" : Math.round(value).toLocaleString("en-US");
}

/** A few significant figures, for means and totals. */
export function decimal(value: number | null, digits = 2): string {
  if (value === null || !Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  const places = abs >= 1000 ? 0 : abs >= 100 ? 1 : digits;
  return trim(value.toLocaleString("en-US", { minimumFractionDigits: places, maximumFractionDigits: places }));
}

/** The metric's per-variation value: a rate for conversions, a mean otherwise. */
export function metricValue(kind: MetricKind, value: number | null): string {
  return kind === "conversion" ? percent(value, 2) : decimal(value);
}

export function metricInterval(kind: MetricKind, ci: Interval): string {
  return `${ci[0] === null ? "−∞" : metricValue(kind, ci[0])} to ${ci[1] === null ? "∞" : metricValue(kind, ci[1])}`;
}

export function liftInterval(ci: Interval): string {
  return `${ci[0] === null ? "−∞" : signedPercent(ci[0])} to ${ci[1] === null ? "+∞" : signedPercent(ci[1])}`;
}

/** What the value of a metric is, in words, for column headers and captions. */
export function valueLabel(kind: MetricKind): string {
  return { conversion: "Conversion rate", count: "Events per user", value: "Value per user", ratio: "Ratio" }[kind];
}

export function totalLabel(kind: MetricKind): string {
  return { conversion: "Conversions", count: "Events", value: "Total value", ratio: "Numerator" }[kind];
}

export function pValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "–";
  if (value < 0.001) return "< 0.001";
  return value.toFixed(3);
}

/** "95%" from 0.95. */
export function level(confidence: number): string {
  return `${Number((confidence * 100).toFixed(1))}%`;
}

/** Whole days from start to end (or now). */
export function daysBetween(start: string | null, end: string | null, now = Date.now()): number | null {
  if (!start) return null;
  const to = end ? Date.parse(end) : now;
  return Math.max(0, Math.floor((to - Date.parse(start)) / 86_400_000));
}

/** "26 Nov 2026" in UTC, so the server and the browser print the same. */
export function day(iso: string | null): string {
  if (!iso) return "–";
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** "26 Nov" for chart axes. */
export function shortDay(isoDate: string): string {
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}
