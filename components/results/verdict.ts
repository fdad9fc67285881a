// Verdicts in words: what a product manager reads instead of a p-value.
import type { Comparison, MetricResult, ResultSettings } from "@/lib/results/model";
import { integer, level, liftInterval, percent, signedPercent } from "./format";

export type Tone = "good" | "bad" | "neutral" | "info";

export interface VerdictText {
  /** good/bad follow the metric's direction, not the sign of the lift. */
  tone: Tone;
  /** Short label for badges: "Wins", "Loses", "No difference", "Too early". */
  label: string;
  /** Icon that carries the meaning without colour. */
  icon: string;
  sentence: string;
}

export function verdictText(
  metric: Pick<MetricResult, "role" | "direction" | "usersStillNeeded" | "usersNeededPerVariation">,
  comparison: Comparison,
  variationName: string,
  settings: Pick<ResultSettings, "engine" | "confidence" | "mde">,
): VerdictText {
  if (comparison.status !== "ok" || comparison.estimate === null) {
    return {
      tone: "neutral",
      label: "No data",
      icon: "…",
      sentence: comparison.message ?? "Not enough data to compare with the control yet.",
    };
  }
  const interval = `${level(settings.confidence)} ${settings.engine === "bayesian" ? "credible interval" : "CI"} ${liftInterval(comparison.ci)}`;
  const lift = `${signedPercent(comparison.estimate)} (${interval})`;
  const chance = settings.engine === "bayesian" && comparison.chanceToWin !== null ? `${percent(comparison.chanceToWin)} chance to be better; ` : "";
  switch (comparison.verdict) {
    case "win":
      return { tone: "good", label: "Wins", icon: "▲", sentence: `${variationName} wins: ${chance}${lift}` };
    case "loss":
      return {
        tone: "bad",
        label: metric.role === "guardrail" ? "Guardrail hurt" : "Loses",
        icon: "▼",
        sentence:
          metric.role === "guardrail"
            ? `Guardrail hurt: ${variationName} moves it the wrong way (${metric.direction} is better): ${chance}${lift}`
            : `${variationName} loses: ${chance}${lift}`,
      };
    case "flat":
      return {
        tone: "neutral",
        label: "No difference",
        icon: "●",
        sentence: `No significant difference: ${chance}${lift}. There are enough users to have detected ±${percent(settings.mde, 0)}.`,
      };
    default: {
      const more = metric.usersStillNeeded;
      const needed =
        more !== null && more > 0
          ? `about ${integer(more)} more users per variation to detect ±${percent(settings.mde, 0)}`
          : `more data to detect ±${percent(settings.mde, 0)}`;
      return { tone: "info", label: "Too early", icon: "◔", sentence: `Not significant yet: ${chance}${lift}; ${needed}.` };
    }
  }
}
