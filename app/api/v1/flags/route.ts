import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { requireProjectId } from "@/lib/admin/context";
import { flagCreateSchema } from "@/lib/admin/flag-schema";
import { createFlag } from "@/lib/admin/flags";
import { adminRoute, json, readJson } from "@/lib/admin/http";
import { parseInput } from "@/lib/admin/validation";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";

export async function GET(request: Request) {
  const guard = await authorizeApi(request);
  if (guard.denied) return guard.denied;
  const project = await getCurrentProject();
  if (!project) return NextResponse.json({ flags: [] });
  const { prisma } = await getDatabase();
  const flags = await prisma.flag.findMany({
    where: { projectId: project.id },
    include: { variations: { orderBy: { position: "asc" } }, settings: true, rules: { orderBy: { position: "asc" } } },
    orderBy: { key: "asc" },
  });
  return NextResponse.json({ flags });
}

export async function POST(request: Request) {
  return adminRoute(request, async ({ db }) => {
    const input = parseInput(flagCreateSchema, await readJson(request));
    return json({ flag: await createFlag(db, await requireProjectId(), input) }, 201);
  });
}
