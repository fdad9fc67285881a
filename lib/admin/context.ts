import { getCurrentProject } from "@/lib/projects/current";
import { ConflictError } from "./errors";

/** The dashboard's current project, for mutations that belong to one. */
export async function requireProjectId(): Promise<string> {
  const project = await getCurrentProject();
  if (!project) throw new ConflictError("Create a project first (Settings)");
  return project.id;
}
