import path from "node:path";

type Env = Record<string, string | undefined>;

/** Where the data lives: the embedded PGlite folder, or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; url: string; poolSize: number };

/** A configuration problem the operator must fix; start-up prints its message as one line. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The one place that decides which database the process uses, from the environment. */
export function databaseConfigFromEnv(env: Env = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { kind: "pglite", dataDir: path.join(/* turbopackIgnore: true */ dataDirFromEnv(env), "pglite") };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      "DATABASE_URL is not a valid URL: expected postgres://user:password@host:5432/database, or leave it unset for the embedded database",
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got ${parsed.protocol}//); leave it unset for the embedded database`,
    );
  }
  const poolSize = Number(env.SIGNAKIT_DB_POOL_SIZE ?? 10);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 500) {
    throw new ConfigError("SIGNAKIT_DB_POOL_SIZE must be an integer between 1 and 500");
  }
  return { kind: "postgres", url, poolSize };
}

/** The folder for everything the server keeps locally (embedded database, generated secret). */
export function dataDirFromEnv(env: Env = process.env): string {
  return path.resolve(/* turbopackIgnore: true */ env.SIGNAKIT_DATA_DIR?.trim() || "./data");
}
