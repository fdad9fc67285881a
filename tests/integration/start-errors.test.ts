// Start-up refuses bad configuration with one line that says what to fix, and no stack trace.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = path.join(os.tmpdir(), `signakit-start-${process.pid}`);

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "lib/setup/start.ts"], {
    env: { ...process.env, DATABASE_URL: "", PORT: "", SIGNAKIT_DEMO_SDK_KEY: "", SIGNAKIT_DATA_DIR: dataDir, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  const errors = result.stderr.split("\n").filter((line) => line.trim() && !line.startsWith("warning:"));
  return { status: result.status, errors };
}

describe("start-up configuration errors", () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [{ DATABASE_URL: "not a url" }, /^error: DATABASE_URL is not a valid URL/],
    [{ DATABASE_URL: "mysql://root@localhost/db" }, /^error: DATABASE_URL must start with postgres:\/\//],
    [{ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" }, /^error: cannot reach PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/none/],
    [{ SIGNAKIT_DATA_DIR: "/etc/hostname/data" }, /^error: the data folder \/etc\/hostname\/data cannot be written/],
    [{ PORT: "http" }, /^error: PORT must be a number from 1 to 65535/],
    [{ SIGNAKIT_DEMO_SDK_KEY: "sk_prod_demo_demo_x" }, /^error: SIGNAKIT_DEMO_SDK_KEY must look like/],
  ])("%o stops with one line", (env, message) => {
    const { status, errors } = start(env);
    expect(status).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });
});
