"use client";

import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, GRID_STROKE, seriesColor, TOOLTIP_STYLE } from "./palette";

export interface RatePoint {
  name: string;
  value: number | null;
  low: number | null;
  high: number | null;
}

/** Each variation's value as a bar with its confidence interval as whiskers. */
export function RateChart({
  points,
  format,
  axisFormat,
  label,
}: {
  points: RatePoint[];
  format: (value: number) => string;
  axisFormat: (value: number) => string;
  label: string;
}) {
  // ErrorBar takes distances below and above the value.
  const data = points.map((p) => ({
    name: p.name,
    value: p.value,
    interval: p.value === null ? [0, 0] : [p.value - (p.low ?? p.value), (p.high ?? p.value) - p.value],
    range: p.low !== null && p.high !== null ? `${format(p.low)} to ${format(p.high)}` : "–",
  }));
  return (
    <BarChart responsive style={{ width: "100%", height: 240 }} data={data} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="name" tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: GRID_STROKE }} />
      <YAxis width="auto" tick={AXIS_TICK} tickFormatter={(v: number) => axisFormat(v)} axisLine={false} tickLine={false} />
      <Tooltip
        {...TOOLTIP_STYLE}
        cursor={{ fill: "var(--surface-2)" }}
        formatter={(value, _name, item) => [`${typeof value === "number" ? format(value) : "–"} (interval ${(item.payload as { range: string }).range})`, label]}
      />
      <Bar dataKey="value" name={label} maxBarSize={64} isAnimationActive={false}>
        {data.map((d, i) => (
          <Cell key={d.name} fill={seriesColor(i)} fillOpacity={0.75} />
        ))}
        <ErrorBar dataKey="interval" width={10} strokeWidth={2} stroke="var(--text)" direction="y" isAnimationActive={false} />
      </Bar>
    </BarChart>
  );
}
