import { databaseConfigFromEnv } from "./config";
import { openDatabase, type Database } from "./connect";
import { applyMigrations } from "./migrate";

export type { Database } from "./connect";
export type { Sql, SqlExecutor } from "./sql";

// One database per process. Kept on globalThis because Next.js bundles route handlers separately
// from the server entry: module-level state would give each bundle its own PGlite instance.
const KEY = Symbol.for("signakit.database");
type Holder = { [KEY]?: Promise<Database> };

/** The process's database, opened (and migrated, for the embedded one) on first use. */
export function getDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[KEY] ??= openConfiguredDatabase().catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

/** Installs an already-open database as the process's database (used by the start command and tests). */
export function setDatabase(db: Database): void {
  (globalThis as Holder)[KEY] = Promise.resolve(db);
}

async function openConfiguredDatabase(): Promise<Database> {
  const config = databaseConfigFromEnv();
  const db = await openDatabase(config);
  if (config.kind === "pglite") await applyMigrations(db.adapterFactory);
  return db;
}
