import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Chosen once in the main process; workers inherit the environment and so agree on it.
process.env.E2E_PORT ??= String(20000 + Math.floor(Math.random() * 20000));
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `signakit-e2e-${process.pid}-${Date.now()}`);
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };

const port = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  globalTeardown: "./global-teardown.ts",
  outputDir: path.join(root, "test-results"),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    // The built app with a fresh data folder and no demo: the suite builds its own data.
    command: "npx tsx lib/setup/start.ts",
    cwd: root,
    url: `http://localhost:${port}/signin`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      SIGNAKIT_DATA_DIR: process.env.E2E_DATA_DIR,
      SIGNAKIT_DEMO: "0",
      SIGNAKIT_ADMIN_EMAIL: E2E_ADMIN.email,
      SIGNAKIT_ADMIN_PASSWORD: E2E_ADMIN.password,
      SIGNAKIT_BANDIT_INTERVAL_MINUTES: "1",
      NEXTAUTH_URL: `http://localhost:${port}`,
    },
  },
});
