"use client";

import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, GRID_STROKE, TOOLTIP_STYLE } from "./palette";

export interface LiftPoint {
  date: string;
  estimate: number | null;
  /** [low, high]; null when the interval is not defined that day. */
  band: [number, number] | null;
}

/** The lift of one treatment over time with its interval as a shaded band around it. */
export function LiftChart({
  data,
  color,
  format,
  formatDate,
  intervalLabel,
  domain,
}: {
  data: LiftPoint[];
  color: string;
  format: (value: number) => string;
  formatDate: (date: string) => string;
  intervalLabel: string;
  /** Symmetric y-range; wider early intervals are clipped so the recent days stay readable. */
  domain: [number, number];
}) {
  return (
    <ComposedChart responsive style={{ width: "100%", height: 240 }} data={data} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="date" tick={AXIS_TICK} tickFormatter={formatDate} minTickGap={24} axisLine={{ stroke: GRID_STROKE }} tickLine={false} />
      <YAxis width="auto" tick={AXIS_TICK} tickFormatter={(v: number) => format(v)} axisLine={false} tickLine={false} domain={domain} ticks={[domain[0], domain[0] / 2, 0, domain[1] / 2, domain[1]]} allowDataOverflow />
      <Tooltip
        {...TOOLTIP_STYLE}
        labelFormatter={(d) => formatDate(String(d))}
        formatter={(value, name) =>
          Array.isArray(value) ? [`${format(Number(value[0]))} to ${format(Number(value[1]))}`, name] : [typeof value === "number" ? format(value) : "–", name]
        }
      />
      <ReferenceLine y={0} stroke="var(--muted)" strokeDasharray="4 3" />
      <Area dataKey="band" name={intervalLabel} stroke="none" fill={color} fillOpacity={0.18} connectNulls isAnimationActive={false} />
      <Line dataKey="estimate" name="Lift" stroke={color} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
    </ComposedChart>
  );
}
