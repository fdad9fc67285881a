import { adminRoute, json, readJson } from "@/lib/admin/http";
import { projectCreateSchema } from "@/lib/admin/project-schema";
import { createProjectFromInput } from "@/lib/admin/projects";
import { parseInput } from "@/lib/admin/validation";

/** Creates a project with its development and production environments. */
export async function POST(request: Request) {
  return adminRoute(request, async ({ db }) => {
    const input = parseInput(projectCreateSchema, await readJson(request));
    return json({ project: await createProjectFromInput(db, input) }, 201);
  });
}
