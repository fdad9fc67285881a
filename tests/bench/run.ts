// `npm run bench` runs every benchmark; `npm run bench -- NAME [NAME…]` runs the named ones.
import { printAndSave, type BenchReport } from "./harness";

const BENCHES: Record<string, () => Promise<{ run: () => Promise<BenchReport> }>> = {
  stats: () => import("./stats.bench"),
  sdk: () => import("./sdk.bench"),
  ingest: () => import("./ingest.bench"),
  results: () => import("./results.bench"),
  page: () => import("./page.bench"),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
const selected = wanted.length ? wanted : Object.keys(BENCHES);
// results and page share one generated PostgreSQL database; the last of them to run drops it.
if (selected.some((name) => name === "results" || name === "page")) {
  (await import("./helpers/dataset")).planDatasetUsers(selected);
}
for (const name of selected) {
  const bench = await BENCHES[name]!();
  printAndSave(await bench.run());
}
