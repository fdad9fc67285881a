// A project and SDK key created directly in the database before the app starts (PGlite's folder
// can only be open in one process at a time).
import { createSdkKey } from "@/lib/auth/sdk-keys";
import type { DatabaseConfig } from "@/lib/db/config";
import { openDatabase } from "@/lib/db/connect";
import { applyMigrations } from "@/lib/db/migrate";
import { createProject } from "@/lib/setup/projects";

export interface BenchProject {
  projectId: string;
  environmentId: string;
  sdkKey: string;
}

export async function prepareProject(config: DatabaseConfig, projectId = "bench"): Promise<BenchProject> {
  const db = await openDatabase(config);
  try {
    await applyMigrations(db.adapterFactory);
    const project = await createProject(db, { organizationId: "bench", projectId, name: "Benchmark" });
    const development = project.environments.find((e) => e.key === "development")!;
    const key = await createSdkKey(db, development.id, "bench");
    return { projectId: project.id, environmentId: development.id, sdkKey: key.key };
  } finally {
    await db.close();
  }
}
