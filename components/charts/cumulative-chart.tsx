"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, GRID_STROKE, seriesColor, seriesDash, TOOLTIP_STYLE } from "./palette";

export interface SeriesLine {
  key: string;
  name: string;
}

/** One line per variation: its cumulative value at the end of each day. */
export function CumulativeChart({
  data,
  lines,
  format,
  axisFormat,
  formatDate,
}: {
  data: Array<Record<string, string | number | null>>;
  lines: SeriesLine[];
  format: (value: number) => string;
  axisFormat: (value: number) => string;
  formatDate: (date: string) => string;
}) {
  return (
    <LineChart responsive style={{ width: "100%", height: 240 }} data={data} margin={{ top: 10, right: 10, bottom: 0, left: 0 }}>
      <CartesianGrid stroke={GRID_STROKE} vertical={false} />
      <XAxis dataKey="date" tick={AXIS_TICK} tickFormatter={formatDate} minTickGap={24} axisLine={{ stroke: GRID_STROKE }} tickLine={false} />
      <YAxis width="auto" tick={AXIS_TICK} tickFormatter={(v: number) => axisFormat(v)} axisLine={false} tickLine={false} domain={["auto", "auto"]} />
      <Tooltip {...TOOLTIP_STYLE} labelFormatter={(d) => formatDate(String(d))} formatter={(v) => (typeof v === "number" ? format(v) : "–")} />
      <Legend wrapperStyle={{ fontSize: 12.5 }} />
      {lines.map((line, i) => (
        <Line
          key={line.key}
          dataKey={line.key}
          name={line.name}
          stroke={seriesColor(i)}
          strokeDasharray={seriesDash(i)}
          strokeWidth={2}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
