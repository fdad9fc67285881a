import type { z } from "zod";
import { getDatabase, type Database } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";
import { findEnvironmentId } from "./events";
import { parseQuery } from "./query";

type Resolved<Q> = { db: Database; environmentId: string; query: Q; denied?: never } | { denied: Response };

/**
 * Shared by the explorer routes: validates the query (400) and finds the environment of the
 * requested project, or of the project the dashboard shows (404 when there is none).
 */
export async function resolveExplorerRequest<T extends z.ZodType<{ environment: string; projectId?: string }>>(
  request: Request,
  schema: T,
): Promise<Resolved<z.output<T>>> {
  const parsed = parseQuery(schema, new URL(request.url).searchParams);
  if ("error" in parsed) return { denied: Response.json({ error: parsed.error }, { status: 400 }) };
  const { query } = parsed;
  const db = await getDatabase();
  const projectId = query.projectId ?? (await getCurrentProject())?.id;
  const environmentId = projectId ? await findEnvironmentId(db, projectId, query.environment) : null;
  if (!environmentId) return { denied: Response.json({ error: "project or environment not found" }, { status: 404 }) };
  return { db, environmentId, query };
}
