import { requireProjectId } from "@/lib/admin/context";
import { adminRoute, json, readJson } from "@/lib/admin/http";
import { metricInputSchema } from "@/lib/admin/metric-schema";
import { deleteMetric, updateMetric } from "@/lib/admin/metrics";
import { parseInput } from "@/lib/admin/validation";

type Context = { params: Promise<{ metricId: string }> };

/** Replaces the metric's definition (send every field, as the form does). */
export async function PATCH(request: Request, { params }: Context) {
  return adminRoute(request, async ({ db }) => {
    const input = parseInput(metricInputSchema, await readJson(request));
    const { metricId } = await params;
    return json({ metric: await updateMetric(db, await requireProjectId(), metricId, input) });
  });
}

/** 409 when an experiment uses the metric: archive it instead. */
export async function DELETE(request: Request, { params }: Context) {
  return adminRoute(request, async ({ db }) => {
    const { metricId } = await params;
    await deleteMetric(db, await requireProjectId(), metricId);
    return new Response(null, { status: 204 });
  });
}
