import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";

/** The flag (in the current project) a rule page is about, with what the rule form offers. */
export async function loadFlagForRules(flagId: string) {
  const project = await getCurrentProject();
  if (!project) return null;
  const { prisma } = await getDatabase();
  const flag = await prisma.flag.findFirst({
    where: { id: flagId, projectId: project.id },
    include: { variations: { orderBy: { position: "asc" } } },
  });
  if (!flag) return null;
  const metrics = await prisma.metric.findMany({
    where: { projectId: project.id, archivedAt: null },
    select: { id: true, name: true, kind: true },
    orderBy: { name: "asc" },
  });
  return { project, flag, metrics, variations: flag.variations.map((v) => ({ key: v.key, name: v.name })) };
}
