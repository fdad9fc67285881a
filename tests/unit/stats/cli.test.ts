import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectClose } from "./helpers";

const request = {
  metric: "proportion",
  variations: [
    { key: "control", n: 28, sum: 14 },
    { key: "treatment", n: 30, sum: 16 },
  ],
};

function analyze(args: string[], input?: string) {
  return spawnSync("npx", ["tsx", "lib/stats/cli.ts", ...args], {
    cwd: join(__dirname, "../../.."),
    input,
    encoding: "utf8",
  });
}

describe("analyze CLI", () => {
  it("prints the analysis of a file as JSON and exits 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "analyze-"));
    const file = join(dir, "request.json");
    writeFileSync(file, JSON.stringify(request));
    const run = analyze([file]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    // python3 -c "from scipy.stats import chisquare; print(chisquare([28, 30]).pvalue)"
    expectClose(out.srm.pValue, 0.7928489826282048, 1e-5);
    expect(out.srm.warning).toBe(false);
    expect(out.variations.map((v: { key: string }) => v.key)).toEqual(["control", "treatment"]);
    // Relative lift and p-value: see compare.test.ts (python3 ttest_ind_from_stats + delta method).
    expect(out.comparisons[0].key).toBe("treatment");
    expectClose(out.comparisons[0].estimate, 0.06666666666666665);
    expectClose(out.comparisons[0].pValue, 0.8070716832021888);
  }, 30_000);

  it("reads stdin with '-'", () => {
    const run = analyze(["-"], JSON.stringify({ ...request, engine: "bayesian" }));
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.comparisons[0].pValue).toBeNull();
    expect(out.comparisons[0].chanceToWin).toBeGreaterThan(0.5);
  }, 30_000);

  it("adjusts p-values", () => {
    const run = analyze(["-"], JSON.stringify({ adjust: "bh", pValues: [0.01, 0.04, 0.03] }));
    expect(run.status).toBe(0);
    // python3 -c "from scipy.stats import false_discovery_control; print(false_discovery_control([0.01,0.04,0.03]).tolist())"
    expect(JSON.parse(run.stdout).adjusted).toEqual([0.03, 0.04, 0.04]);
  }, 30_000);

  it("exits 2 and names the bad field on invalid input", () => {
    const bad = { ...request, variations: [request.variations[0], { key: "treatment", n: -1, sum: 0 }] };
    const run = analyze(["-"], JSON.stringify(bad));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("variations[1].n: must be a non-negative integer");
  }, 30_000);

  it("exits 2 on malformed JSON", () => {
    const run = analyze(["-"], "{ nope");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/invalid JSON/);
  }, 30_000);
});
