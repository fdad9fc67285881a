import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { setDatabase, type Database } from "@/lib/db";
import { openDatabase } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/migrate";

export type DatabaseKind = Database["kind"];

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let postgresReachable: Promise<boolean> | undefined;

/** PostgreSQL runs on every machine here; SIGNAKIT_REQUIRE_POSTGRES=1 (set in CI) turns its absence into a failure. */
export function isPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch (error) {
      if (process.env.SIGNAKIT_REQUIRE_POSTGRES === "1") throw new Error(`PostgreSQL is required but unreachable at ${ADMIN_URL}: ${(error as Error).message}`);
      console.warn(`PostgreSQL unreachable at ${ADMIN_URL}: integration tests run on PGlite only`);
      return false;
    }
  })();
  return postgresReachable;
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database of the given kind, and a function that closes and drops it. */
export async function createTestDatabase(kind: DatabaseKind): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    await applyMigrations(db.adapterFactory);
    return { db, drop: () => db.close() };
  }
  const { url, dropDatabase } = await createEmptyPostgresDatabase();
  const db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 8 });
  await applyMigrations(db.adapterFactory);
  return {
    db,
    async drop() {
      await db.close();
      await dropDatabase();
    },
  };
}

/** A new, empty PostgreSQL database on the test server: its URL, and how to drop it. */
async function createEmptyPostgresDatabase() {
  const name = `signakit_test_${crypto.randomBytes(6).toString("hex")}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url, dropDatabase: () => withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)) };
}

/**
 * Runs the suite once per database: PGlite always, PostgreSQL when reachable. Each run gets its own
 * fresh database, installed as the process database so route handlers under test use it too.
 */
export function describeOnDatabases(title: string, suite: (db: () => Database, kind: DatabaseKind) => void) {
  for (const kind of ["pglite", "postgres"] as const) {
    describe(`${title} [${kind}]`, async () => {
      if (kind === "postgres" && !(await isPostgresReachable())) return;
      let current: { db: Database; drop: () => Promise<void> } | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(kind);
        setDatabase(current.db);
      });
      afterAll(async () => {
        await current?.drop();
      });
      suite(() => {
        if (!current) throw new Error("database not ready: use it inside tests or hooks");
        return current.db;
      }, kind);
    });
  }
}

/**
 * A fresh, migrated PostgreSQL database reached through `host:port` (e.g. a TcpProxy in front of
 * the server) instead of the server's own address. Migrations run over the direct address.
 */
export async function createRoutedPostgresDatabase(via: { host: string; port: number }, poolSize = 4) {
  const { url: direct, dropDatabase } = await createEmptyPostgresDatabase();
  const migrator = await openDatabase({ kind: "postgres", url: direct.toString(), poolSize: 1 });
  await applyMigrations(migrator.adapterFactory);
  await migrator.close();
  const routed = new URL(direct);
  routed.hostname = via.host;
  routed.port = String(via.port);
  const db = await openDatabase({ kind: "postgres", url: routed.toString(), poolSize });
  return {
    db,
    async drop() {
      await db.close().catch(() => {});
      await dropDatabase();
    },
  };
}

/** Where a proxy in front of the test PostgreSQL server must forward to. */
export function postgresTarget() {
  const url = new URL(ADMIN_URL);
  return { host: url.hostname, port: Number(url.port || 5432) };
}
