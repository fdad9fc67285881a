// The result model of one experiment, as GET /api/v1/experiments/{id}/results returns it and the
// dashboard renders it. Everything is plain JSON: dates are ISO strings, missing numbers are null.
import { z } from "zod";
import type { ComparisonResult, ComparisonStatus, Interval } from "@/lib/stats";

export type { ComparisonStatus, Interval };

export type Engine = "frequentist" | "bayesian" | "sequential";
export type Correction = "none" | "holm" | "bh";
export type MetricKind = "conversion" | "count" | "value" | "ratio";
export type MetricRole = "primary" | "secondary" | "guardrail";
export type MetricDirection = "higher" | "lower";
export type ExperimentType = "ab-test" | "multi-armed-bandit";
export type ExperimentStatus = "draft" | "running" | "stopped";
/** win/loss: significant in (against) the metric's direction; flat: not significant with enough users. */
export type Verdict = "win" | "loss" | "flat" | "not-enough-data";

/** A breakdown dimension, read from the user's first exposure event of the experiment's flag. */
export interface BreakdownDimension {
  source: "attribute" | "metadata";
  key: string;
}

export interface ResultSettings {
  engine: Engine;
  /** Confidence (credible) level of intervals and significance, e.g. 0.95. */
  confidence: number;
  /** Correction of p-values across metrics × treatments (frequentist and sequential only). */
  correction: Correction;
  breakdown: BreakdownDimension | null;
  /** Inclusive UTC dates (YYYY-MM-DD) bounding exposures and events; null = unbounded. */
  from: string | null;
  to: string | null;
  /** Relative minimum detectable effect for the users-needed estimate, e.g. 0.05 for 5%. */
  mde: number;
}

export interface VariationInfo {
  key: string;
  name: string;
  /** Configured share of traffic (weights normalised to sum 1); the first variation is the control. */
  weight: number;
}

export interface ExperimentHeader {
  id: string;
  name: string;
  /** The rule key. */
  key: string;
  flagKey: string;
  flagName: string;
  projectId: string;
  environmentId: string;
  environment: "development" | "production";
  type: ExperimentType;
  status: ExperimentStatus;
  hypothesis: string;
  startedAt: string | null;
  stoppedAt: string | null;
  variations: VariationInfo[];
}

export interface SrmHealth {
  chiSquare: number;
  pValue: number;
  /** p < 0.001: the split does not match the configured weights. */
  warning: boolean;
  /** Users per variation key, and what the configured weights predict. */
  observed: Record<string, number>;
  expected: Record<string, number>;
}

export interface ResultHealth {
  /** Null for bandits, whose allocation moves by design. */
  srm: SrmHealth | null;
  /** Analysed users (single-variation exposures in the date range). */
  exposedUsers: number;
  /** Users who saw more than one variation; they are excluded from every number. */
  multipleExposureUsers: number;
  /** Events ingest dropped as bot traffic in the environment over the date range. */
  botsDropped: number;
  /** No metric event of any analysed user was counted. */
  noEvents: boolean;
}

export interface VariationValue {
  key: string;
  users: number;
  /** Converted users (conversion), events (count), value sum (value), numerator value sum (ratio). */
  total: number;
  /** Ratio only: the denominator (number of matching events). */
  denominator: number | null;
  /** Rate, mean per user or ratio; null without users (or a zero denominator). */
  value: number | null;
  ci: Interval;
}

/**
 * One treatment against the control, on the relative scale (lift = (B − A)/|A|): the engine's result
 * oriented to the metric's direction (chanceToWin and risk), with a frequentist correction's wider
 * interval in ci.
 */
export interface Comparison extends ComparisonResult {
  key: string;
  /** After the requested correction across the family; equals pValue when none. */
  adjustedPValue: number | null;
  significant: boolean;
  verdict: Verdict;
}

/** Operators of metric filters on event metadata; the admin form and the SQL builder share them. */
export const FILTER_OPERATORS = [
  "equals",
  "not_equals",
  "in",
  "contains",
  "greater_than",
  "less_than",
  "greater_than_or_equals",
  "less_than_or_equals",
] as const;

export interface MetricFilter {
  property: string;
  operator: (typeof FILTER_OPERATORS)[number];
  value: string | number | boolean | Array<string | number | boolean>;
}

export interface MetricResult {
  metricId: string;
  name: string;
  kind: MetricKind;
  role: MetricRole;
  direction: MetricDirection;
  eventKey: string;
  filters: MetricFilter[];
  windowHours: number | null;
  winsorizePercentile: number | null;
  /** Per-user cap applied by winsorisation (null when not winsorised). */
  cap: number | null;
  variations: VariationValue[];
  /** comparisons[i] is variations[i + 1] against the control variations[0]. */
  comparisons: Comparison[];
  /** Users per variation needed to detect settings.mde at 80% power; null when the baseline does not allow it. */
  usersNeededPerVariation: number | null;
  /** Users the smallest variation still lacks to reach usersNeededPerVariation. */
  usersStillNeeded: number | null;
  /** A guardrail metric that some treatment significantly hurts. */
  guardrailViolated: boolean;
}

export interface SeriesPoint {
  /** UTC day (YYYY-MM-DD); values are cumulative up to the end of it. */
  date: string;
  variations: Array<{ key: string; users: number; total: number; value: number | null }>;
  /** Lift of each treatment on that day, with its (uncorrected) interval. */
  lifts: Array<{ key: string; estimate: number | null; ci: Interval }>;
}

export interface MetricSeries {
  metricId: string;
  points: SeriesPoint[];
}

export interface BreakdownSegment {
  /** The dimension's value; "(none)" for users without it, "(other)" for values outside the top 10. */
  value: string;
  users: number;
  metrics: Array<{ metricId: string; variations: VariationValue[]; comparisons: Comparison[] }>;
}

export interface BreakdownResult {
  dimension: BreakdownDimension;
  /** Top 10 values by users, then "(other)" when more exist. */
  segments: BreakdownSegment[];
}

export interface ExperimentResults {
  experiment: ExperimentHeader;
  settings: ResultSettings;
  computedAt: string;
  /** Highest Event.id of the environment when computed: newer events are not included. */
  watermark: number;
  /** Served from a ResultSnapshot rather than computed for this request. */
  cached: boolean;
  health: ResultHealth;
  metrics: MetricResult[];
  series: MetricSeries[];
  breakdown: BreakdownResult | null;
}

/** An experiment in the list endpoint. */
export interface ExperimentSummary {
  id: string;
  name: string;
  key: string;
  type: ExperimentType;
  status: ExperimentStatus;
  flagKey: string;
  projectId: string;
  environmentId: string;
  environment: "development" | "production";
  startedAt: string | null;
}

/** A flag key seen in exposures of an environment without any experiment rule for it. */
export interface DiscoveredExperiment {
  projectId: string;
  environmentId: string;
  environment: "development" | "production";
  flagKey: string;
  users: number;
  variations: string[];
  firstSeenAt: string;
  lastSeenAt: string;
}

// --- query parameters -------------------------------------------------------------------------

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date like 2025-01-31" })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: "must be a valid date",
  });

const numberParam = (message: string) =>
  z
    .string()
    .trim()
    .min(1, { error: message })
    .transform(Number)
    .pipe(z.number({ error: message }).finite({ error: message }));

const resultSettingsSchema = z
  .strictObject(
    {
      engine: z.enum(["frequentist", "bayesian", "sequential"], {
        error: 'must be "frequentist", "bayesian" or "sequential"',
      }),
      confidence: numberParam("must be a number between 0.5 and 0.999").pipe(
        z.number().min(0.5, { error: "must be between 0.5 and 0.999" }).max(0.999, { error: "must be between 0.5 and 0.999" }),
      ),
      correction: z.enum(["none", "holm", "bh"], { error: 'must be "none", "holm" or "bh"' }),
      breakdown: z
        .string()
        .regex(/^(attribute|metadata):.{1,100}$/, { error: 'must look like "attribute:country" or "metadata:plan"' }),
      from: date,
      to: date,
      mde: numberParam("must be a number between 0.001 and 10 (0.05 = 5%)").pipe(
        z.number().min(0.001, { error: "must be between 0.001 and 10" }).max(10, { error: "must be between 0.001 and 10" }),
      ),
      refresh: z.enum(["1", "0", "true", "false"], { error: 'must be "true" or "false"' }),
    },
  )
  .partial()
  .refine((s) => !s.from || !s.to || s.from <= s.to, { error: "must not be before from", path: ["to"] });

export const DEFAULT_SETTINGS: ResultSettings = {
  engine: "frequentist",
  confidence: 0.95,
  correction: "none",
  breakdown: null,
  from: null,
  to: null,
  mde: 0.05,
};

export type ParsedResultSettings =
  | { ok: true; settings: ResultSettings; refresh: boolean }
  | { ok: false; error: string };

/** Settings from query parameters; errors name the parameter ("confidence: must be between …"). */
export function parseResultSettings(searchParams: URLSearchParams): ParsedResultSettings {
  const raw: Record<string, string> = {};
  for (const [key, value] of searchParams) {
    if (key in raw) return { ok: false, error: `${key}: must be given once` };
    raw[key] = value;
  }
  const parsed = resultSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === "unrecognized_keys") return { ok: false, error: `${issue.keys.join(", ")}: unknown parameter` };
    return { ok: false, error: `${issue?.path.join(".") ?? "query"}: ${issue?.message ?? "invalid"}` };
  }
  const p = parsed.data;
  const breakdown = p.breakdown ? p.breakdown.match(/^(attribute|metadata):(.+)$/s) : null;
  return {
    ok: true,
    refresh: p.refresh === "1" || p.refresh === "true",
    settings: {
      engine: p.engine ?? DEFAULT_SETTINGS.engine,
      confidence: p.confidence ?? DEFAULT_SETTINGS.confidence,
      correction: p.correction ?? DEFAULT_SETTINGS.correction,
      breakdown: breakdown ? { source: breakdown[1] as BreakdownDimension["source"], key: breakdown[2] as string } : null,
      from: p.from ?? null,
      to: p.to ?? null,
      mde: p.mde ?? DEFAULT_SETTINGS.mde,
    },
  };
}
