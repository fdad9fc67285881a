"use client";

import { CumulativeChart } from "@/components/charts/cumulative-chart";
import { LiftChart } from "@/components/charts/lift-chart";
import { seriesColor } from "@/components/charts/palette";
import { RateChart } from "@/components/charts/rate-chart";
import type { ExperimentResults, Interval, MetricResult } from "@/lib/results/model";
import { decimal, level, metricValue, percent, shortDay, signedPercent, valueLabel } from "./format";

/** Rate per variation with its interval, the cumulative value over time and the lift over time. */
export function ChartsPanel({
  results,
  metric,
  onMetricChange,
}: {
  results: ExperimentResults;
  metric: MetricResult;
  onMetricChange: (metricId: string) => void;
}) {
  const variations = results.experiment.variations;
  const names = new Map(variations.map((v) => [v.key, v.name]));
  const points = results.series.find((s) => s.metricId === metric.metricId)?.points ?? [];
  const format = (v: number) => metricValue(metric.kind, v);
  const axisFormat = (v: number) => (metric.kind === "conversion" ? percent(v, v !== 0 && Math.abs(v) < 0.1 ? 1 : 0) : decimal(v, 1));
  const label = valueLabel(metric.kind);
  const cumulative = points.map((p) => ({
    date: p.date,
    ...Object.fromEntries(p.variations.map((v) => [v.key, v.value])),
  }));
  const conf = level(results.settings.confidence);

  return (
    <section className="card" aria-labelledby="charts-title">
      <div className="metric-head">
        <h2 id="charts-title">Charts</h2>
        <div className="field inline-field">
          <label htmlFor="chart-metric">Metric</label>
          <select id="chart-metric" className="input" value={metric.metricId} onChange={(e) => onMetricChange(e.target.value)}>
            {results.metrics.map((m) => (
              <option key={m.metricId} value={m.metricId}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="chart-grid">
        <figure className="chart">
          <figcaption>
            <strong>{label} by variation</strong>
            <span className="muted small"> · whiskers: {conf} interval</span>
          </figcaption>
          <RateChart
            label={label}
            format={format}
            axisFormat={axisFormat}
            points={metric.variations.map((v) => ({ name: names.get(v.key) ?? v.key, value: v.value, low: v.ci[0], high: v.ci[1] }))}
          />
        </figure>
        <figure className="chart">
          <figcaption>
            <strong>Cumulative {label.toLowerCase()}</strong>
            <span className="muted small"> · all users up to each day</span>
          </figcaption>
          {points.length > 1 ? (
            <CumulativeChart
              data={cumulative}
              lines={variations.map((v) => ({ key: v.key, name: v.name }))}
              format={format}
              axisFormat={axisFormat}
              formatDate={shortDay}
            />
          ) : (
            <p className="chart-empty muted">A line appears after the second day of data.</p>
          )}
        </figure>
        {metric.comparisons.map((c, i) => (
          <figure className="chart" key={c.key}>
            <figcaption>
              <strong>Lift of {names.get(c.key) ?? c.key} over time</strong>
              <span className="muted small"> · band: {conf} interval of the data up to each day</span>
            </figcaption>
            {points.length > 1 ? (
              <LiftChart
                color={seriesColor(i + 1)}
                format={(v) => signedPercent(v, 0)}
                formatDate={shortDay}
                intervalLabel={`${conf} interval`}
                domain={liftDomain(points.map((p) => p.lifts.find((l) => l.key === c.key)?.ci ?? [null, null]))}
                data={points.map((p) => {
                  const lift = p.lifts.find((l) => l.key === c.key);
                  const [low, high] = lift?.ci ?? [null, null];
                  return { date: p.date, estimate: lift?.estimate ?? null, band: low !== null && high !== null ? [low, high] : null };
                })}
              />
            ) : (
              <p className="chart-empty muted">A line appears after the second day of data.</p>
            )}
          </figure>
        ))}
      </div>
    </section>
  );
}

/**
 * The first days' intervals are huge and would flatten the rest; the range fits the second half of
 * the series (at least ±5%) and clips what lies beyond.
 */
function liftDomain(intervals: Interval[]): [number, number] {
  const recent = intervals.slice(Math.floor(intervals.length / 2));
  const bound = Math.max(0.05, ...recent.flatMap((ci) => ci.filter((x): x is number => x !== null && Number.isFinite(x)).map(Math.abs)));
  // The axis shows ±bound and ±bound/2: bounds of 1, 1.5, 2, 3, 4, 6 or 8 times a power of ten keep
  // both round (±10%/±5%, ±300%/±150%, …) instead of ±530%/±265%.
  const target = bound * 1.25;
  const power = 10 ** Math.floor(Math.log10(target));
  const nice = [1, 1.5, 2, 3, 4, 6, 8, 10].map((m) => m * power).find((b) => b >= target - 1e-12) ?? 10 * power;
  return [-nice, nice];
}
