"use client";

import { BanditBestChart, BanditWeightsChart } from "@/components/charts/bandit-chart";
import type { VariationInfo } from "@/lib/results/model";
import { integer, percent } from "./format";

export interface BanditRunView {
  computedAt: string;
  arms: Array<{ variation: string; users: number; conversions: number; weight: number; probabilityBest: number }>;
}

const formatTime = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/** The bandit's current traffic weights and P(best) per arm, and how they moved. `runs` is oldest first. */
export function BanditPanel({ runs, variations }: { runs: BanditRunView[]; variations: VariationInfo[] }) {
  const latest = runs[runs.length - 1];
  const arms = variations.map((v) => ({ key: v.key, name: v.name }));
  if (!latest) {
    return (
      <section className="card" aria-labelledby="bandit-title">
        <h2 id="bandit-title">Bandit</h2>
        <p className="muted">
          The bandit has not re-weighted yet: until it does, traffic follows the configured weights. It re-weights on a schedule once users convert.
        </p>
      </section>
    );
  }
  const data = runs.map((run) => ({
    time: run.computedAt,
    ...Object.fromEntries(run.arms.flatMap((a) => [[`weight:${a.variation}`, a.weight], [`best:${a.variation}`, a.probabilityBest]])),
  }));
  const leader = latest.arms.reduce((a, b) => (b.probabilityBest > a.probabilityBest ? b : a));
  const name = (key: string) => variations.find((v) => v.key === key)?.name ?? key;
  return (
    <section className="card" aria-labelledby="bandit-title">
      <h2 id="bandit-title">Bandit allocation</h2>
      <p className="muted small">
        Last re-weighted {formatTime(latest.computedAt)} UTC from the primary metric ({runs.length} runs so far). {name(leader.variation)} is most
        likely the best arm ({percent(leader.probabilityBest)}).
      </p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col" className="num">Users</th>
              <th scope="col" className="num">Conversions</th>
              <th scope="col" className="num">Conversion rate</th>
              <th scope="col" className="num">Traffic weight now</th>
              <th scope="col" className="num">P(best)</th>
            </tr>
          </thead>
          <tbody>
            {latest.arms.map((arm, i) => (
              <tr key={arm.variation}>
                <th scope="row" className="variation-name">
                  <span className={`swatch swatch-${i % 5}`} aria-hidden />
                  {name(arm.variation)}
                  {arm.variation === leader.variation && <span className="badge badge-good leader-badge"><span aria-hidden>★</span> Leading</span>}
                </th>
                <td className="num">{integer(arm.users)}</td>
                <td className="num">{integer(arm.conversions)}</td>
                <td className="num">{arm.users ? percent(arm.conversions / arm.users, 2) : "–"}</td>
                <td className="num">
                  <span className="weight-bar" aria-hidden><span style={{ width: `${arm.weight * 100}%` }} /></span>
                  {percent(arm.weight)}
                </td>
                <td className="num">{percent(arm.probabilityBest)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {runs.length > 1 && (
        <div className="chart-grid">
          <figure className="chart">
            <figcaption><strong>Traffic weight over time</strong><span className="muted small"> · share of new users sent to each arm</span></figcaption>
            <BanditWeightsChart data={data} arms={arms} formatTime={formatTime} />
          </figure>
          <figure className="chart">
            <figcaption><strong>Probability of being best</strong><span className="muted small"> · Thompson sampling estimate at each run</span></figcaption>
            <BanditBestChart data={data} arms={arms} formatTime={formatTime} />
          </figure>
        </div>
      )}
    </section>
  );
}
