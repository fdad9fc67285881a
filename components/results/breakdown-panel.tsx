import type { BreakdownResult, ExperimentResults, MetricResult } from "@/lib/results/model";
import { integer, metricValue, signedPercent } from "./format";
import { verdictText } from "./verdict";
import { VerdictBadge } from "./verdict-badge";

/** The chosen metric per segment of the breakdown dimension. */
export function BreakdownPanel({ breakdown, results, metric }: { breakdown: BreakdownResult; results: ExperimentResults; metric: MetricResult }) {
  const variations = results.experiment.variations;
  const names = new Map(variations.map((v) => [v.key, v.name]));
  const dimension = `${breakdown.dimension.source === "attribute" ? "attribute" : "metadata"} ${breakdown.dimension.key}`;
  return (
    <section className="card" aria-labelledby="breakdown-title">
      <h2 id="breakdown-title">
        {metric.name} by <code>{breakdown.dimension.key}</code>
      </h2>
      <p className="muted small">
        Segments by the user&apos;s {dimension} at first exposure; top 10 by users. Segments are for exploring: with many of them, some look
        significant by chance, so confirm a surprising segment with its own experiment.
      </p>
      {breakdown.segments.length === 0 ? (
        <p className="muted">No exposure carries this {dimension}.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col" className="num">Users</th>
                {variations.map((v) => (
                  <th scope="col" className="num" key={v.key}>{v.name}</th>
                ))}
                {variations.slice(1).map((v) => (
                  <th scope="col" key={v.key}>Lift of {v.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {breakdown.segments.map((segment) => {
                const m = segment.metrics.find((x) => x.metricId === metric.metricId);
                return (
                  <tr key={segment.value}>
                    <th scope="row">{segment.value}</th>
                    <td className="num">{integer(segment.users)}</td>
                    {variations.map((v) => {
                      const value = m?.variations.find((x) => x.key === v.key);
                      return (
                        <td className="num" key={v.key}>
                          {metricValue(metric.kind, value?.value ?? null)}
                          <div className="muted small">{integer(value?.users ?? 0)} users</div>
                        </td>
                      );
                    })}
                    {variations.slice(1).map((v) => {
                      const c = m?.comparisons.find((x) => x.key === v.key);
                      if (!c) return <td key={v.key} className="muted">–</td>;
                      const text = verdictText(metric, c, names.get(v.key) ?? v.key, results.settings);
                      return (
                        <td key={v.key} title={text.sentence}>
                          <strong>{signedPercent(c.estimate)}</strong>{" "}
                          <VerdictBadge verdict={text} />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
