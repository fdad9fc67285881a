// `npm test`: builds the app, then runs the unit and integration suites (Vitest, on PGlite and
// PostgreSQL) and the end-to-end suite (Playwright in Chromium), and prints one closing tally.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = process.cwd();
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "signakit-tests-"));
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(title: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

const built = run("build", "npm", ["run", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
if (!built) {
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}

const vitestReport = path.join(reports, "vitest.json");
const vitestOk = run("unit and integration tests", bin("vitest"), [
  "run", "--config", "tests/vitest.config.ts", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`,
]);

const playwrightReport = path.join(reports, "playwright.json");
const e2eOk = run("end-to-end tests", bin("playwright"), ["test", "--config", "tests/e2e/playwright.config.ts", "--reporter=list,json"], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
});

const vitest = readJson<{ numPassedTests: number; numFailedTests: number }>(vitestReport);
const playwright = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(playwrightReport);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats.expected ?? 0);
const failed =
  (vitest?.numFailedTests ?? (vitestOk ? 0 : 1)) + (playwright ? playwright.stats.unexpected + playwright.stats.flaky : e2eOk ? 0 : 1);
console.log(`\nunit+integration: ${vitestOk ? "ok" : "FAILED"}; end-to-end: ${e2eOk ? "ok" : "FAILED"}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(vitestOk && e2eOk && failed === 0 ? 0 : 1);
