// The results columns of an experiments-list row; rendered on the server from a snapshot, or on the
// client once the results API has computed one.
import "./results.css";
import { VerdictBadge, WarningBadge } from "./badges";
import { integer, signedPercent } from "./format";
import type { ExperimentDigest } from "./summary";

export function DigestCells({ digest }: { digest: ExperimentDigest }) {
  const { primary } = digest;
  return (
    <>
      <td className="num">{integer(digest.exposedUsers)}</td>
      <td>
        {primary && digest.exposedUsers > 0 ? (
          <div className="digest-primary">
            <span className="digest-lift" title={`${primary.name}: ${primary.variation} against the control`}>
              {signedPercent(primary.estimate)}
            </span>
            <VerdictBadge verdict={primary.verdict} />
            <span className="muted small digest-metric">{primary.name}</span>
          </div>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
      <td>
        {digest.warnings.length ? (
          <div className="row" style={{ gap: 4 }}>
            {digest.warnings.map((w) => (
              <WarningBadge key={w.kind + w.text} tone={w.kind === "guardrail" || w.kind === "srm" ? "bad" : w.kind.startsWith("no-") ? "neutral" : "warn"}>
                {w.text}
              </WarningBadge>
            ))}
          </div>
        ) : (
          <span className="badge badge-good">
            <span aria-hidden>✓</span> Healthy
          </span>
        )}
      </td>
    </>
  );
}

/** Placeholder cells while nothing has been computed for the row. */
export function PendingCells({ label }: { label: string }) {
  return (
    <>
      <td className="num muted">…</td>
      <td className="muted" colSpan={2} aria-live="polite">{label}</td>
    </>
  );
}
