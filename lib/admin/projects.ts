import type { Database } from "@/lib/db";
import { createProject } from "@/lib/setup/projects";
import { InvalidInputError } from "./errors";
import type { ProjectCreateInput } from "./project-schema";

export async function createProjectFromInput(db: Database, input: ProjectCreateInput) {
  if (await db.prisma.project.findUnique({ where: { id: input.projectId } })) {
    throw InvalidInputError.field("projectId", "A project with this id exists");
  }
  return createProject(db, { ...input, organizationName: input.organizationName || undefined });
}
