// JSON in, JSON out: the contract shared by the CLI and POST /api/v1/analyze.
import { analyzeMetric } from "./analyze";
import type { ComparisonResult } from "./compare";
import { adjustPValues } from "./multiple-testing";
import { adjustRequestSchema, analysisRequestSchema, formatIssue } from "./request-schema";
import { srmTest } from "./srm";
import type { Interval } from "./types";

export interface AnalysisResponse {
  srm: { pValue: number; chiSquare: number; warning: boolean };
  variations: { key: string; n: number; value: number | null; ci: Interval }[];
  comparisons: ({ key: string } & ComparisonResult)[];
}

export interface AdjustResponse {
  adjusted: number[];
}

export type AnalysisRequestOutcome =
  | { ok: true; result: AnalysisResponse | AdjustResponse }
  | { ok: false; error: string };

/** Validates an analysis (or p-value adjustment) request and runs it; errors name the bad field. */
export function runAnalysisRequest(json: unknown): AnalysisRequestOutcome {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { ok: false, error: "request: must be a JSON object" };
  }
  if ("adjust" in json) {
    const parsed = adjustRequestSchema.safeParse(json);
    if (!parsed.success) return { ok: false, error: formatIssue(parsed.error.issues[0]!) };
    return { ok: true, result: { adjusted: adjustPValues(parsed.data.pValues, parsed.data.adjust) } };
  }
  const parsed = analysisRequestSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: formatIssue(parsed.error.issues[0]!) };
  const req = parsed.data;
  const settings = {
    engine: req.engine,
    difference: req.difference,
    alternative: req.alternative,
    confidence: req.confidence,
    sequentialTuning: req.sequentialTuning,
    prior: req.prior,
  };
  const analysis =
    req.metric === "proportion"
      ? analyzeMetric({ kind: "proportion", variations: req.variations, ...settings })
      : req.metric === "mean"
        ? analyzeMetric({ kind: "mean", variations: req.variations, ...settings })
        : analyzeMetric({ kind: "ratio", variations: req.variations, ...settings });
  const srm = srmTest(
    req.variations.map((v) => v.n),
    req.weights,
  );
  return {
    ok: true,
    result: {
      srm,
      variations: analysis.variations.map((v, i) => ({ key: req.variations[i]!.key, ...v })),
      comparisons: analysis.comparisons.map((c, i) => ({ key: req.variations[i + 1]!.key, ...c })),
    },
  };
}
