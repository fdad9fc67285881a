import fs from "node:fs/promises";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { createSchemaEngine } from "./schema-engine";

const PRISMA_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), "prisma");
const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
const NO_FILTER = { externalTables: [], externalEnums: [] };

async function readSchema() {
  return { path: SCHEMA_PATH, content: await fs.readFile(SCHEMA_PATH, "utf8") };
}

/** The migrations folder in the shape the schema engine expects (Prisma's folder format). */
async function readMigrations() {
  const entries = await fs.readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const directories = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: await fs.readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      directories.map(async (name) => {
        const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
        const content = await fs.readFile(file, "utf8").then(
          (ok) => ({ tag: "ok" as const, value: ok }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: name, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/** Applies pending migrations, recording them in _prisma_migrations like `prisma migrate deploy`. */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await createSchemaEngine(adapterFactory, await readSchema());
  try {
    const output = await engine.applyMigrations({ migrationsList: await readMigrations(), filters: NO_FILTER });
    return output.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * Writes prisma/migrations/{timestamp}_{name}/migration.sql with the SQL that takes the schema
 * described by the existing migrations to prisma/schema.prisma. Returns null when nothing changed.
 */
export async function createMigration(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  name: string,
): Promise<string | null> {
  const schema = await readSchema();
  const engine = await createSchemaEngine(adapterFactory, schema);
  try {
    const migrations = await readMigrations();
    const from = migrations.migrationDirectories.length
      ? { tag: "migrations" as const, ...migrations }
      : { tag: "empty" as const };
    const diff = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const script = (diff.stdout ?? "").trim();
    if (!script || script.startsWith("-- This is an empty migration")) return null;
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, "migration.sql"), `${script}\n`);
    const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
    await fs.writeFile(lock, '# Written by lib/db/migrate.ts; keep it in version control.\nprovider = "postgresql"\n');
    return dir;
  } finally {
    engine.free();
  }
}
