import { cookies } from "next/headers";
import { cache } from "react";
import { getDatabase } from "@/lib/db";

export const PROJECT_COOKIE = "signakit-project";

/** The project the dashboard shows: the one chosen in the cookie, else the oldest. Null when none exist. Memoised per request. */
export const getCurrentProject = cache(async () => {
  const { prisma } = await getDatabase();
  const chosen = (await cookies()).get(PROJECT_COOKIE)?.value;
  const include = { environments: { orderBy: { key: "asc" as const } } };
  if (chosen) {
    const project = await prisma.project.findUnique({ where: { id: chosen }, include });
    if (project) return project;
  }
  return prisma.project.findFirst({ orderBy: { createdAt: "asc" }, include });
});
