// `npm run bench` runs every benchmark; `npm run bench -- NAME [NAME…]` runs the named ones.
import { printAndSave, type BenchReport } from "./harness";

const BENCHES: Record<string, () => Promise<{ run: () => Promise<BenchReport> }>> = {
  stats: () => import("./stats.bench"),
  sdk: () => import("./sdk.bench"),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHES).join(", ")}`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  const bench = await BENCHES[name]!();
  printAndSave(await bench.run());
}
