// `npm run db:migrate` applies prisma/migrations to the configured database;
// `npm run db:migration -- NAME` writes a new migration from the schema diff (against an in-memory PGlite).
import { ConfigError, databaseConfigFromEnv } from "./config";
import { openDatabase } from "./connect";
import { applyMigrations, createMigration } from "./migrate";

async function main(command: string | undefined, name: string | undefined) {
  if (command === "migrate") {
    const db = await openDatabase(databaseConfigFromEnv());
    try {
      const applied = await applyMigrations(db.adapterFactory);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
    } finally {
      await db.close();
    }
    return;
  }
  if (command === "migration") {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new ConfigError("usage: npm run db:migration -- NAME (lowercase letters, digits, _)");
    const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    try {
      const dir = await createMigration(db.adapterFactory, name);
      console.log(dir ? `wrote ${dir}/migration.sql` : "schema and migrations agree: nothing to write");
    } finally {
      await db.close();
    }
    return;
  }
  throw new ConfigError("usage: tsx lib/db/cli.ts migrate | migration NAME");
}

main(process.argv[2], process.argv[3]).catch((error: Error) => {
  console.error(error instanceof ConfigError ? `error: ${error.message}` : error);
  process.exit(1);
});
