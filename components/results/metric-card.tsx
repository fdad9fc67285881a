import type { MetricResult, ResultSettings, VariationInfo } from "@/lib/results/model";
import { decimal, integer, level, metricInterval, metricValue, pValue, percent, totalLabel, valueLabel } from "./format";
import { LiftBar, liftScale } from "./lift-bar";
import { verdictText } from "./verdict";
import { VerdictBadge } from "./verdict-badge";

const ROLE_LABEL = { primary: "Primary", secondary: "Secondary", guardrail: "Guardrail" } as const;
const KIND_LABEL = { conversion: "conversion", count: "count per user", value: "value per user", ratio: "ratio" } as const;

/** One metric: per-variation numbers, the lift of each treatment and the verdict in words. */
export function MetricCard({
  metric,
  variations,
  settings,
}: {
  metric: MetricResult;
  variations: VariationInfo[];
  settings: ResultSettings;
}) {
  const names = new Map(variations.map((v) => [v.key, v.name]));
  const scale = liftScale(metric.comparisons.map((c) => c.ci));
  const bayesian = settings.engine === "bayesian";
  const corrected = !bayesian && settings.correction !== "none";
  const verdicts = metric.comparisons.map((c) => ({ key: c.key, ...verdictText(metric, c, names.get(c.key) ?? c.key, settings) }));
  const titleId = `metric-${metric.metricId}`;
  return (
    <section className={`card metric-card${metric.guardrailViolated ? " metric-card-violated" : ""}`} aria-labelledby={titleId}>
      <div className="metric-head">
        <div>
          <h2 id={titleId}>
            {metric.name} <span className={`badge role-${metric.role}`}>{ROLE_LABEL[metric.role]}</span>
          </h2>
          <p className="muted small">
            {KIND_LABEL[metric.kind]} of <code>{metric.eventKey}</code>
            {metric.filters.length > 0 && ` (${metric.filters.length} filter${metric.filters.length > 1 ? "s" : ""})`} ·{" "}
            {metric.direction === "higher" ? "higher is better ↑" : "lower is better ↓"}
            {metric.windowHours !== null && ` · counted within ${metric.windowHours} h of exposure`}
            {metric.cap !== null && ` · capped at ${decimal(metric.cap)} per user`}
          </p>
        </div>
        {metric.guardrailViolated && (
          <span className="badge badge-bad">
            <span aria-hidden>⚠</span> Guardrail moved the wrong way
          </span>
        )}
      </div>
      <div className="table-scroll">
        <table className="table metric-table">
          <thead>
            <tr>
              <th scope="col">Variation</th>
              <th scope="col" className="num">Users</th>
              <th scope="col" className="num">{totalLabel(metric.kind)}</th>
              <th scope="col" className="num">
                {valueLabel(metric.kind)} <span className="th-sub">({level(settings.confidence)} interval)</span>
              </th>
              <th scope="col">Lift vs control</th>
              <th scope="col" className="num">
                {bayesian ? "Chance to beat control" : <span className="nowrap">{corrected ? "p-value (adjusted)" : "p-value"}</span>}
              </th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {metric.variations.map((v, index) => {
              const comparison = index === 0 ? undefined : metric.comparisons[index - 1];
              const verdict = index === 0 ? undefined : verdicts[index - 1];
              return (
                <tr key={v.key}>
                  <th scope="row" className="variation-name">
                    <span className={`swatch swatch-${index % 5}`} aria-hidden />
                    {names.get(v.key) ?? v.key}
                    {index === 0 && <span className="muted small"> · control</span>}
                  </th>
                  <td className="num">{integer(v.users)}</td>
                  <td className="num">
                    {metric.kind === "conversion" || metric.kind === "count" ? integer(v.total) : metricValue("value", v.total)}
                    {v.denominator !== null && <span className="muted small"> / {integer(v.denominator)}</span>}
                  </td>
                  <td className="num">
                    <strong>{metricValue(metric.kind, v.value)}</strong>
                    <div className="muted small">{v.value === null ? "" : metricInterval(metric.kind, v.ci)}</div>
                  </td>
                  <td>
                    {comparison && verdict ? (
                      <LiftBar estimate={comparison.estimate} ci={comparison.ci} scale={scale} tone={verdict.tone} />
                    ) : (
                      <span className="muted small">Baseline</span>
                    )}
                  </td>
                  <td className="num">
                    {comparison
                      ? bayesian
                        ? percent(comparison.chanceToWin)
                        : (
                            <span title={corrected ? `unadjusted ${pValue(comparison.pValue)}` : undefined}>{pValue(comparison.adjustedPValue)}</span>
                          )
                      : ""}
                  </td>
                  <td>
                    {verdict && <VerdictBadge verdict={verdict} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ul className="verdicts">
        {verdicts.map((v) => (
          <li key={v.key} className={`verdict verdict-line-${v.tone}`}>
            <span aria-hidden className="verdict-icon">{v.icon}</span> {v.sentence}
          </li>
        ))}
      </ul>
    </section>
  );
}
