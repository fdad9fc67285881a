// Throw-away PostgreSQL databases for benchmarks: created fresh, dropped at the end.
import crypto from "node:crypto";
import pg from "pg";

/** The maintenance database of the local server; BENCH_DATABASE_URL overrides it. */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// Databases not yet dropped, so an interrupted run (Ctrl-C) still removes them.
const live = new Set<string>();
let handlersInstalled = false;
function dropOnInterrupt() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: dropping ${[...live].join(", ") || "no"} benchmark databases`);
      void withAdminClient(async (client) => {
        for (const name of live) await client.query(`drop database if exists ${name} with (force)`);
      }).finally(() => process.exit(130));
    });
  }
}

/** Creates `bench_{tag}_{random}`; drop() removes it, disconnecting whoever is still connected. */
export async function createBenchDatabase(tag: string): Promise<BenchDatabase> {
  const name = `bench_${tag}_${crypto.randomBytes(4).toString("hex")}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  live.add(name);
  dropOnInterrupt();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      live.delete(name);
      await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
