import type { Database } from "@/lib/db";

const ENVIRONMENTS = ["development", "production"] as const;

/** Creates an organization (if new) and a project with its development and production environments. */
export async function createProject(
  db: Database,
  input: { organizationId: string; projectId: string; name: string; organizationName?: string },
) {
  if (/_/.test(input.organizationId) || /_/.test(input.projectId)) {
    throw new Error("organization and project ids cannot contain '_' (they are part of SDK keys)");
  }
  return db.prisma.$transaction(async (tx) => {
    await tx.organization.upsert({
      where: { id: input.organizationId },
      update: {},
      create: { id: input.organizationId, name: input.organizationName ?? input.organizationId },
    });
    return tx.project.create({
      data: {
        id: input.projectId,
        organizationId: input.organizationId,
        name: input.name,
        environments: { create: ENVIRONMENTS.map((key) => ({ key })) },
      },
      include: { environments: true },
    });
  });
}
