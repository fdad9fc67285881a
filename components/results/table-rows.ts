// The rows of the results table, shared by the page and the CSV/JSON export so both carry the same numbers.
import type { ExperimentResults } from "@/lib/results/model";
import { verdictText } from "./verdict";

export interface ResultRow {
  metric: string;
  metricKind: string;
  role: string;
  direction: string;
  variation: string;
  variationName: string;
  isControl: boolean;
  users: number;
  total: number;
  denominator: number | null;
  value: number | null;
  valueCiLow: number | null;
  valueCiHigh: number | null;
  lift: number | null;
  liftCiLow: number | null;
  liftCiHigh: number | null;
  pValue: number | null;
  adjustedPValue: number | null;
  chanceToWin: number | null;
  significant: boolean | null;
  verdict: string | null;
  summary: string;
}

export function resultRows(results: ExperimentResults): ResultRow[] {
  const names = new Map(results.experiment.variations.map((v) => [v.key, v.name]));
  return results.metrics.flatMap((metric) =>
    metric.variations.map((variation, index): ResultRow => {
      const comparison = index === 0 ? undefined : metric.comparisons[index - 1];
      const name = names.get(variation.key) ?? variation.key;
      return {
        metric: metric.name,
        metricKind: metric.kind,
        role: metric.role,
        direction: metric.direction,
        variation: variation.key,
        variationName: name,
        isControl: index === 0,
        users: variation.users,
        total: variation.total,
        denominator: variation.denominator,
        value: variation.value,
        valueCiLow: variation.ci[0],
        valueCiHigh: variation.ci[1],
        lift: comparison?.estimate ?? null,
        liftCiLow: comparison?.ci[0] ?? null,
        liftCiHigh: comparison?.ci[1] ?? null,
        pValue: comparison?.pValue ?? null,
        adjustedPValue: comparison?.adjustedPValue ?? null,
        chanceToWin: comparison?.chanceToWin ?? null,
        significant: comparison ? comparison.significant : null,
        verdict: comparison?.verdict ?? null,
        summary: comparison ? verdictText(metric, comparison, name, results.settings).sentence : "Control",
      };
    }),
  );
}

const COLUMNS: Array<keyof ResultRow> = [
  "metric", "metricKind", "role", "direction", "variation", "variationName", "isControl", "users", "total", "denominator",
  "value", "valueCiLow", "valueCiHigh", "lift", "liftCiLow", "liftCiHigh", "pValue", "adjustedPValue", "chanceToWin",
  "significant", "verdict", "summary",
];

function csvCell(value: ResultRow[keyof ResultRow]): string {
  if (value === null) return "";
  // Names typed by admins must not run as spreadsheet formulas.
  const text = typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function rowsToCsv(rows: readonly ResultRow[]): string {
  return [COLUMNS.join(","), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(","))].join("\r\n") + "\r\n";
}
