// zod schemas of the JSON analysis request (CLI and POST /api/v1/analyze), with field-naming errors.
import { z } from "zod";

const nonNegativeInteger = z
  .number({ error: "must be a non-negative integer" })
  .int({ error: "must be a non-negative integer" })
  .min(0, { error: "must be a non-negative integer" });
const finite = z.number({ error: "must be a finite number" }).finite({ error: "must be a finite number" });
const nonNegative = finite.min(0, { error: "must be a non-negative number" });
const key = z.string({ error: "must be a non-empty string" }).min(1, { error: "must be a non-empty string" });

const proportionVariation = z
  .strictObject({ key, n: nonNegativeInteger, sum: nonNegativeInteger })
  .refine((v) => v.sum <= v.n, { error: "must not exceed n", path: ["sum"] });

const meanVariation = z.strictObject({ key, n: nonNegativeInteger, sum: finite, sumSquares: nonNegative });

const ratioVariation = z.strictObject({
  key,
  n: nonNegativeInteger,
  numeratorSum: finite,
  numeratorSumSquares: nonNegative,
  denominatorSum: finite,
  denominatorSumSquares: nonNegative,
  crossProductSum: finite,
});

const settings = {
  engine: z.enum(["frequentist", "bayesian", "sequential"], {
    error: 'must be "frequentist", "bayesian" or "sequential"',
  }).default("frequentist"),
  difference: z.enum(["relative", "absolute"], { error: 'must be "relative" or "absolute"' }).default("relative"),
  alternative: z.enum(["two-sided", "greater", "less"], { error: 'must be "two-sided", "greater" or "less"' }).default(
    "two-sided",
  ),
  confidence: finite.gt(0, { error: "must be between 0 and 1" }).lt(1, { error: "must be between 0 and 1" }).default(0.95),
  sequentialTuning: finite.gt(0, { error: "must be a positive number" }).default(5000),
  weights: z.array(nonNegative, { error: "must be an array of non-negative numbers" }).optional(),
  prior: z
    .strictObject({ mean: finite, variance: finite.gt(0, { error: "must be a positive number" }) })
    .optional(),
};

function variations<T extends z.ZodType>(item: T) {
  return z.array(item, { error: "must be an array of variations" }).min(2, { error: "must have at least 2 variations (control first)" });
}

export const analysisRequestSchema = z
  .discriminatedUnion(
    "metric",
    [
      z.strictObject({ metric: z.literal("proportion"), variations: variations(proportionVariation), ...settings }),
      z.strictObject({ metric: z.literal("mean"), variations: variations(meanVariation), ...settings }),
      z.strictObject({ metric: z.literal("ratio"), variations: variations(ratioVariation), ...settings }),
    ],
    { error: 'must be "proportion", "mean" or "ratio"' },
  )
  .superRefine((req, ctx) => {
    if (req.weights && req.weights.length !== req.variations.length) {
      ctx.addIssue({ code: "custom", path: ["weights"], message: "must have one weight per variation" });
    } else if (req.weights && !req.weights.some((w) => w > 0)) {
      ctx.addIssue({ code: "custom", path: ["weights"], message: "must contain a positive weight" });
    }
  });

export const adjustRequestSchema = z.strictObject({
  adjust: z.enum(["holm", "bh"], { error: 'must be "holm" or "bh"' }),
  pValues: z.array(finite.min(0, { error: "must be between 0 and 1" }).max(1, { error: "must be between 0 and 1" }), {
    error: "must be an array of p-values",
  }),
});

export type AnalysisRequest = z.output<typeof analysisRequestSchema>;
export type AdjustRequest = z.output<typeof adjustRequestSchema>;

/** "variations[1].n: must be a non-negative integer" from a zod issue path and message. */
export function formatIssue(issue: { path: readonly PropertyKey[]; message: string }): string {
  let path = "";
  for (const part of issue.path) {
    path += typeof part === "number" ? `[${part}]` : path === "" ? String(part) : `.${String(part)}`;
  }
  return `${path === "" ? "request" : path}: ${issue.message}`;
}
