import { formatPercent } from "./labels";

const COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)", "var(--chart-4)", "var(--chart-5)"];

/** A stacked bar of variation shares with a legend, for allocations at a glance. */
export function AllocationBar({ variations, percentages }: { variations: string[]; percentages: Record<string, number> }) {
  const color = (index: number) => COLORS[index % COLORS.length];
  return (
    <div className="stack" style={{ gap: 6 }}>
      <div style={{ display: "flex", height: 10, borderRadius: 5, overflow: "hidden", background: "var(--neutral-bg)" }} aria-hidden>
        {variations.map((key, i) => (
          <div key={key} style={{ width: `${percentages[key] ?? 0}%`, background: color(i) }} />
        ))}
      </div>
      <div className="row small" style={{ gap: 14 }}>
        {variations.map((key, i) => (
          <span key={key} className="row" style={{ gap: 5 }}>
            <span style={{ width: 9, height: 9, borderRadius: 2, background: color(i), display: "inline-block" }} />
            <span className="mono">{key}</span> <span className="muted">{formatPercent(percentages[key] ?? 0)}</span>
          </span>
        ))}
      </div>
    </div>
  );
}
