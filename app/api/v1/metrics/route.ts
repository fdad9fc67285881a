import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { requireProjectId } from "@/lib/admin/context";
import { adminRoute, json, readJson } from "@/lib/admin/http";
import { metricInputSchema } from "@/lib/admin/metric-schema";
import { createMetric } from "@/lib/admin/metrics";
import { parseInput } from "@/lib/admin/validation";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";

export async function GET(request: Request) {
  const guard = await authorizeApi(request);
  if (guard.denied) return guard.denied;
  const project = await getCurrentProject();
  if (!project) return NextResponse.json({ metrics: [] });
  const { prisma } = await getDatabase();
  return NextResponse.json({ metrics: await prisma.metric.findMany({ where: { projectId: project.id }, orderBy: { name: "asc" } }) });
}

export async function POST(request: Request) {
  return adminRoute(request, async ({ db }) => {
    const input = parseInput(metricInputSchema, await readJson(request));
    return json({ metric: await createMetric(db, await requireProjectId(), input) }, 201);
  });
}
