// The built app as a child process, the way `npm start` runs it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface RunningApp {
  url: string;
  port: number;
  pid: number;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A fresh temporary folder, and a function that removes it. */
export function tempDir(tag: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `signakit-bench-${tag}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const ADMIN_EMAIL = "bench-admin@example.com";
export const ADMIN_PASSWORD = "bench-password-123";

/**
 * Starts `tsx lib/setup/start.ts` (as `npm start` does; it builds the app first when no build
 * exists) with the given database: `databaseUrl` for PostgreSQL, otherwise PGlite in `dataDir`.
 * No demo; the first admin is ADMIN_EMAIL / ADMIN_PASSWORD.
 */
export async function startApp(options: { dataDir: string; databaseUrl?: string; env?: Record<string, string> }): Promise<RunningApp> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    SIGNAKIT_DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl,
    SIGNAKIT_DEMO: "0",
    SIGNAKIT_DEMO_SDK_KEY: undefined,
    SIGNAKIT_ADMIN_EMAIL: ADMIN_EMAIL,
    SIGNAKIT_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...options.env,
  };
  if (!options.databaseUrl) delete env.DATABASE_URL;
  delete env.SIGNAKIT_DEMO_SDK_KEY;
  // One process (no tsx CLI wrapper), so its pid is the server's and a signal reaches it directly.
  // BENCH_APP_CPU_PROF=folder writes a V8 CPU profile of the app there when it stops.
  const profile = process.env.BENCH_APP_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_APP_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, "--import", "tsx", "lib/setup/start.ts"], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 300_000; // a first build takes a few minutes on a busy machine
  let up = false;
  while (!up) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}) before serving:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the app did not start within 300 s:\n${output}`);
    }
    if (output.includes("is running at")) {
      try {
        const response = await fetch(`${url}/api/auth/csrf`);
        await response.arrayBuffer();
        up = response.status < 500;
      } catch {
        // not listening yet
      }
    }
    if (!up) await new Promise((resolve) => setTimeout(resolve, 250));
  }

  return {
    url,
    port,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 20_000).unref());
      if ((await Promise.race([exited, timeout])) === "timeout") {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** Whether a source file of the app is newer than the build `npm start` would serve (benchmarks measure the build). */
export function staleBuildWarning(): string | null {
  const root = process.cwd();
  let built: number;
  try {
    built = fs.statSync(path.join(root, ".next", "BUILD_ID")).mtimeMs;
  } catch {
    return null; // start.ts builds it
  }
  const newer: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(file);
      } else if (/\.(ts|tsx|css)$/.test(entry.name) && fs.statSync(file).mtimeMs > built) newer.push(path.relative(root, file));
    }
  };
  for (const dir of ["app", "lib", "components"]) if (fs.existsSync(path.join(root, dir))) walk(path.join(root, dir));
  return newer.length
    ? `the build in .next is older than ${newer.length} source file(s) (e.g. ${newer.slice(0, 3).join(", ")}): run npm run build first, or the numbers are of older code`
    : null;
}
