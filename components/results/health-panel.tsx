import type { ExperimentResults } from "@/lib/results/model";
import { integer, pValue, percent } from "./format";

/** Data-quality checks: problems here make every number below doubtful, so they come first. */
export function HealthPanel({ results }: { results: ExperimentResults }) {
  const { health, experiment } = results;
  const srm = health.srm;
  const names = new Map(experiment.variations.map((v) => [v.key, v.name]));
  const seen = health.exposedUsers + health.multipleExposureUsers;
  const multipleShare = seen ? health.multipleExposureUsers / seen : 0;
  return (
    <section className="card" aria-labelledby="health-title">
      <h2 id="health-title">Health</h2>
      <div className="health-grid">
        <div className="health-tile">
          <div className="health-label">Users analysed</div>
          <div className="health-value">{integer(health.exposedUsers)}</div>
          <div className="muted small">{health.noEvents && health.exposedUsers > 0 ? "No metric events counted yet" : "with a single variation"}</div>
        </div>
        <div className={`health-tile${srm?.warning ? " health-bad" : ""}`}>
          <div className="health-label">Sample ratio (SRM)</div>
          {srm && health.exposedUsers > 0 ? (
            <>
              <div className="health-value">
                {srm.warning ? (
                  <span className="text-bad"><span aria-hidden>⚠</span> Mismatch</span>
                ) : (
                  <span className="text-good"><span aria-hidden>✓</span> OK</span>
                )}
              </div>
              <div className="muted small">
                p = {pValue(srm.pValue)} ·{" "}
                {Object.entries(srm.observed)
                  .map(([key, n]) => `${names.get(key) ?? key} ${integer(n)} (expected ${integer(srm.expected[key] ?? null)})`)
                  .join(", ")}
              </div>
              {srm.warning && (
                <p className="small text-bad">
                  The split differs from the configured weights (p &lt; 0.001). Check targeting, redirects and exposure logging before trusting the results.
                </p>
              )}
            </>
          ) : (
            <>
              <div className="health-value muted">Not checked</div>
              <div className="muted small">
                {experiment.type === "multi-armed-bandit" ? "A bandit changes its weights on purpose." : "No exposures yet."}
              </div>
            </>
          )}
        </div>
        <div className={`health-tile${multipleShare >= 0.01 ? " health-warn" : ""}`}>
          <div className="health-label">Saw several variations</div>
          <div className="health-value">
            {multipleShare >= 0.01 && <span aria-hidden className="text-warn">⚠ </span>}
            {integer(health.multipleExposureUsers)}
          </div>
          <div className="muted small">{seen ? `${percent(multipleShare)} of exposed users, excluded` : "–"}</div>
        </div>
        <div className="health-tile">
          <div className="health-label">Bot events dropped</div>
          <div className="health-value">{integer(health.botsDropped)}</div>
          <div className="muted small">in this environment over the date range</div>
        </div>
      </div>
    </section>
  );
}
