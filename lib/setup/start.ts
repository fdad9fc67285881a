// `npm start`: checks the configuration, opens and migrates the database, creates the first admin
// and the demo project, builds the app when no build exists, then serves it on PORT.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { ensureAuthSecret } from "@/lib/auth/secret";
import { parseSdkKey } from "@/lib/auth/sdk-keys";
import { startBanditScheduler } from "@/lib/bandit";
import { getDatabase } from "@/lib/db";
import { ConfigError, dataDirFromEnv, databaseConfigFromEnv } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrate";
import { serveFlagEventsNode } from "@/lib/ingest/http";
import { startSnapshotRefresher } from "@/lib/results/refresher";
import { seedDemo } from "./demo";
import { runFirstRun } from "./first-run";
import { printWelcome } from "./welcome";

const root = process.cwd();

function parsePort(value: string | undefined): number {
  const port = value?.trim() ? Number(value) : 3000;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`PORT must be a number from 1 to 65535 (got ${value})`);
  return port;
}

function checkConfiguration() {
  const port = parsePort(process.env.PORT);
  const dbConfig = databaseConfigFromEnv();
  const demoKey = process.env.SIGNAKIT_DEMO_SDK_KEY;
  if (demoKey && parseSdkKey(demoKey)?.environment !== "development") {
    throw new ConfigError("SIGNAKIT_DEMO_SDK_KEY must look like sk_dev_demo_demo_<letters and digits>");
  }
  const dataDir = dataDirFromEnv();
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch {
    throw new ConfigError(`the data folder ${dataDir} cannot be written: set SIGNAKIT_DATA_DIR to a writable folder`);
  }
  return { port, dbConfig, dataDir };
}

function ensureBuild() {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("No build found: building the app once (about a minute)…");
  const result = spawnSync("npm", ["run", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new ConfigError("the build failed (see above); fix it and run npm start again");
}

async function main() {
  const { port, dbConfig, dataDir } = checkConfiguration();
  const secretWarning = ensureAuthSecret(dataDir);
  if (secretWarning) console.warn(`warning: ${secretWarning}`);
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  const db = await getDatabase();
  if (dbConfig.kind === "postgres") await applyMigrations(db.adapterFactory);
  const firstRun = await runFirstRun(db);

  ensureBuild();
  const app = next({ dev: false, dir: root, port, hostname: "0.0.0.0" });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Ingest, the hot path, is answered before Next.js routes the request (lib/ingest/http.ts).
  const server = http.createServer((req, res) => {
    if (!serveFlagEventsNode(req, res)) void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new ConfigError(`port ${port} is in use: set PORT to a free port`) : error),
    );
    server.listen(port, resolve);
  });
  const url = `http://localhost:${port}`;
  if (firstRun.demo) {
    console.log("Loading the demo project: two weeks of traffic sent through /v1/flag-events…");
    const started = Date.now();
    const demo = await seedDemo(db, { baseUrl: `http://127.0.0.1:${port}`, sdkKey: firstRun.demo.developmentKey });
    console.log(`  demo ready: ${demo.events.toLocaleString("en")} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const stopBandits = startBanditScheduler(getDatabase);
  const stopRefresher = startSnapshotRefresher(getDatabase);
  printWelcome({ url, database: dbConfig.kind === "pglite" ? `embedded (${dbConfig.dataDir})` : "PostgreSQL", firstRun });

  const shutdown = () => {
    server.close();
    void Promise.all([stopBandits(), stopRefresher()])
      .then(() => db.close())
      .finally(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
