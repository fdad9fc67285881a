import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** One measured number, with the floor measured in the same run and the target it is held to. */
export interface Measurement {
  label: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run, when the target is relative to it. */
  floor?: { label: string; value: number };
  target?: { op: "<=" | ">="; value: number; of?: "floor" };
}

export interface BenchReport {
  name: string;
  measurements: Measurement[];
  notes?: string[];
}

export const machine = () => ({
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
});

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs fn `times` times (at least three: machines are noisy) and returns the median of its result. */
export async function medianOf(times: number, fn: () => Promise<number> | number): Promise<number> {
  const results: number[] = [];
  for (let i = 0; i < Math.max(3, times); i++) results.push(await fn());
  return median(results);
}

function verdict(m: Measurement): string {
  if (!m.target) return "";
  const bound = m.target.of === "floor" ? m.target.value * (m.floor?.value ?? NaN) : m.target.value;
  const ok = m.target.op === "<=" ? m.value <= bound : m.value >= bound;
  const what = m.target.of === "floor" ? `${m.target.value} × floor` : `${m.target.value} ${m.unit}`;
  return `${ok ? "PASS" : "MISS"} (target ${m.target.op} ${what})`;
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));

/** Prints the report with the machine, each number next to its floor, ratio and target; writes JSON. */
export function printAndSave(report: BenchReport) {
  const info = machine();
  console.log(`\n## ${report.name}  (${info.cores} cores, ${info.memoryGiB} GiB, Node ${info.node})`);
  for (const m of report.measurements) {
    const floor = m.floor ? `  floor ${m.floor.label}: ${fmt(m.floor.value)} ${m.unit}  ratio ${fmt(m.value / m.floor.value)}` : "";
    console.log(`  ${m.label}: ${fmt(m.value)} ${m.unit}${floor}  ${verdict(m)}`);
  }
  for (const note of report.notes ?? []) console.log(`  note: ${note}`);
  const dir = path.resolve("bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...report, machine: info, at: new Date().toISOString() }, null, 2));
  console.log(`  saved ${path.relative(process.cwd(), file)}`);
}
