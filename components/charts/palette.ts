// Series styling: colour plus a dash pattern and a marker shape, so variations stay
// distinguishable without colour (print, colour blindness).
const DASHES = ["", "6 3", "2 3", "10 4 2 4", "4 4"];

export function seriesColor(index: number): string {
  return `var(--chart-${(index % 5) + 1})`;
}

export function seriesDash(index: number): string | undefined {
  return DASHES[index % DASHES.length] || undefined;
}

export const AXIS_TICK = { fill: "var(--muted)", fontSize: 12 } as const;
export const GRID_STROKE = "var(--border)";
export const TOOLTIP_STYLE = {
  contentStyle: { background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, color: "var(--text)", fontSize: 12.5 },
  labelStyle: { color: "var(--muted)", marginBottom: 4 },
} as const;
