// What else the machine was doing while a benchmark ran.
import os from "node:os";
import { median } from "../harness";

/** Samples the 1-minute load average every few seconds until stop(). */
export function sampleLoad(everyMs = 5000) {
  const samples: number[] = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      samples.push(os.loadavg()[0]!);
      return { min: Math.min(...samples), median: median(samples), max: Math.max(...samples) };
    },
  };
}

export const describeLoad = (load: { min: number; median: number; max: number }) =>
  `load average (1 min) during the runs: median ${load.median.toFixed(2)}, min ${load.min.toFixed(2)}, max ${load.max.toFixed(2)} on ${os.cpus().length} cores`;

export const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** BENCH_SECONDS (default `fallback`): the length of each timed load run. */
export function benchSeconds(fallback: number): number {
  const value = Number(process.env.BENCH_SECONDS ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
