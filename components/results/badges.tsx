// Small presentational pieces shared by server and client components (no hooks).
import type { ExperimentStatus, Verdict } from "@/lib/results/model";

const VERDICT: Record<Verdict, { className: string; icon: string; text: string }> = {
  win: { className: "badge badge-good", icon: "▲", text: "Significant win" },
  loss: { className: "badge badge-bad", icon: "▼", text: "Significant loss" },
  flat: { className: "badge", icon: "●", text: "No difference" },
  "not-enough-data": { className: "badge badge-info", icon: "◔", text: "Too early" },
};

export function VerdictBadge({ verdict, text }: { verdict: Verdict; text?: string }) {
  const v = VERDICT[verdict];
  return (
    <span className={v.className}>
      <span aria-hidden>{v.icon}</span> {text ?? v.text}
    </span>
  );
}

const STATUS: Record<ExperimentStatus, { className: string; icon: string; text: string }> = {
  running: { className: "badge badge-good", icon: "●", text: "Running" },
  draft: { className: "badge", icon: "○", text: "Draft" },
  stopped: { className: "badge badge-warn", icon: "■", text: "Stopped" },
};

export function StatusBadge({ status }: { status: ExperimentStatus }) {
  const s = STATUS[status];
  return (
    <span className={s.className}>
      <span aria-hidden>{s.icon}</span> {s.text}
    </span>
  );
}

export function WarningBadge({ children, tone = "warn" }: { children: React.ReactNode; tone?: "warn" | "bad" | "neutral" }) {
  return (
    <span className={tone === "neutral" ? "badge" : `badge badge-${tone}`}>
      <span aria-hidden>{tone === "neutral" ? "○" : "⚠"}</span> {children}
    </span>
  );
}
