// What the experiments list shows of an experiment's results: the primary metric and the warnings.
import type { ExperimentResults, Verdict } from "@/lib/results/model";

export type ResultDigest = Pick<ExperimentResults, "health" | "metrics" | "settings" | "computedAt">;

export interface Warning {
  kind: "srm" | "multiple-exposures" | "no-exposures" | "no-events" | "guardrail";
  text: string;
}

export interface ExperimentDigest {
  exposedUsers: number;
  primary: {
    name: string;
    /** Best treatment against the control on the primary metric. */
    variation: string;
    estimate: number | null;
    verdict: Verdict;
    significant: boolean;
  } | null;
  warnings: Warning[];
}

/** Multiple exposures under this share of users are normal noise (shared devices, QA). */
const MULTIPLE_EXPOSURE_WARNING_SHARE = 0.01;

export function digest(results: ResultDigest): ExperimentDigest {
  const { health } = results;
  const warnings: Warning[] = [];
  if (health.srm?.warning) warnings.push({ kind: "srm", text: "Sample ratio mismatch" });
  const everyone = health.exposedUsers + health.multipleExposureUsers;
  if (health.multipleExposureUsers > 0 && health.multipleExposureUsers >= everyone * MULTIPLE_EXPOSURE_WARNING_SHARE) {
    warnings.push({ kind: "multiple-exposures", text: `${health.multipleExposureUsers.toLocaleString("en-US")} users saw several variations` });
  }
  if (health.exposedUsers === 0) warnings.push({ kind: "no-exposures", text: "No exposures yet" });
  else if (health.noEvents) warnings.push({ kind: "no-events", text: "No metric events yet" });
  for (const metric of results.metrics) {
    if (metric.guardrailViolated) warnings.push({ kind: "guardrail", text: `Guardrail hurt: ${metric.name}` });
  }

  const metric = results.metrics.find((m) => m.role === "primary") ?? results.metrics[0];
  let primary: ExperimentDigest["primary"] = null;
  if (metric && metric.comparisons.length) {
    // With several treatments, show the one that is most clearly ahead in the metric's direction.
    const sign = metric.direction === "higher" ? 1 : -1;
    const rank = (c: (typeof metric.comparisons)[number]) => (c.significant ? 1e9 : 0) + sign * (c.estimate ?? -Infinity);
    const best = metric.comparisons.reduce((a, b) => (rank(b) > rank(a) ? b : a));
    primary = { name: metric.name, variation: best.key, estimate: best.estimate, verdict: best.verdict, significant: best.significant };
  }
  return { exposedUsers: health.exposedUsers, primary, warnings };
}
