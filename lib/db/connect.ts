import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { ConfigError, type DatabaseConfig } from "./config";
import { PrismaClient } from "./generated/client";
import type { Sql, SqlExecutor } from "./sql";

/** An open database: the Prisma client for CRUD, raw SQL for hot paths, and the adapter for migrations. */
export interface Database {
  kind: DatabaseConfig["kind"];
  prisma: PrismaClient;
  sql: Sql;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const toNumber = (value: string) => Number(value);

/** Opens the configured database. Errors are ConfigErrors whose message says what to fix. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === "pglite" ? openPglite(config.dataDir) : openPostgres(config.url, config.poolSize);
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) ensureWritableDir(dataDir);
  const client = await PGlite.create(inMemory ? undefined : dataDir, {
    parsers: { [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber },
  });
  const adapterFactory = new PrismaPGlite(client);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  const sql: Sql = {
    async query(text, params) {
      return (await client.query(text, params as unknown[])).rows as never[];
    },
    transaction(fn) {
      return client.transaction((tx) =>
        fn({ query: async (text, params) => (await tx.query(text, params as unknown[])).rows as never[] }),
      );
    },
  };
  return {
    kind: "pglite",
    prisma,
    sql,
    adapterFactory,
    async close() {
      await prisma.$disconnect();
      await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const types = {
    getTypeParser(oid: number, format?: "text" | "binary") {
      if (oid === INT8_OID || oid === NUMERIC_OID) return toNumber;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: types as pg.CustomTypesConfig });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    throw new ConfigError(`cannot reach PostgreSQL at ${redact(url)}: ${(error as Error).message}`);
  }
  const adapterFactory = new PrismaPg(pool);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  const run = (executor: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query(text, params) {
      return (await executor.query(text, params as unknown[])).rows;
    },
  });
  const sql: Sql = {
    ...run(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn(run(client));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
  return {
    kind: "postgres",
    prisma,
    sql,
    adapterFactory,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function ensureWritableDir(dir: string) {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new ConfigError(
      `the data folder ${dir} cannot be written: set SIGNAKIT_DATA_DIR to a writable folder`,
    );
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(invalid URL)";
  }
}
