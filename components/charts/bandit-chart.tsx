"use client";

import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, GRID_STROKE, seriesColor, seriesDash, TOOLTIP_STYLE } from "./palette";

export interface BanditChartProps {
  /** One row per bandit run: { time, [arm]: share 0..1 }. */
  data: Array<Record<string, string | number>>;
  arms: Array<{ key: string; name: string }>;
  formatTime: (time: string) => string;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Traffic weights of the arms over time, stacked to 100%. */
export function BanditWeightsChart({ data, arms, formatTime }: BanditChartProps) {
  return (
    <AreaChart responsive style={{ width: "100%", height: 220 }} data={data} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="time" tick={AXIS_TICK} tickFormatter={formatTime} minTickGap={24} axisLine={{ stroke: GRID_STROKE }} tickLine={false} />
      <YAxis width="auto" tick={AXIS_TICK} tickFormatter={pct} domain={[0, 1]} axisLine={false} tickLine={false} />
      <Tooltip {...TOOLTIP_STYLE} labelFormatter={(t) => formatTime(String(t))} formatter={(v) => (typeof v === "number" ? pct(v) : "–")} />
      <Legend wrapperStyle={{ fontSize: 12.5 }} />
      {arms.map((arm, i) => (
        <Area
          key={arm.key}
          dataKey={`weight:${arm.key}`}
          name={arm.name}
          stackId="weights"
          type="stepAfter"
          stroke={seriesColor(i)}
          fill={seriesColor(i)}
          fillOpacity={0.35}
          isAnimationActive={false}
        />
      ))}
    </AreaChart>
  );
}

/** Each arm's probability of being the best, as estimated at every run. */
export function BanditBestChart({ data, arms, formatTime }: BanditChartProps) {
  return (
    <LineChart responsive style={{ width: "100%", height: 220 }} data={data} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="time" tick={AXIS_TICK} tickFormatter={formatTime} minTickGap={24} axisLine={{ stroke: GRID_STROKE }} tickLine={false} />
      <YAxis width="auto" tick={AXIS_TICK} tickFormatter={pct} domain={[0, 1]} axisLine={false} tickLine={false} />
      <Tooltip {...TOOLTIP_STYLE} labelFormatter={(t) => formatTime(String(t))} formatter={(v) => (typeof v === "number" ? pct(v) : "–")} />
      <Legend wrapperStyle={{ fontSize: 12.5 }} />
      {arms.map((arm, i) => (
        <Line
          key={arm.key}
          dataKey={`best:${arm.key}`}
          name={arm.name}
          stroke={seriesColor(i)}
          strokeDasharray={seriesDash(i)}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
