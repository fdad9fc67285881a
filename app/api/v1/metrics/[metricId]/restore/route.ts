import { requireProjectId } from "@/lib/admin/context";
import { adminRoute, json } from "@/lib/admin/http";
import { setMetricArchived } from "@/lib/admin/metrics";

export async function POST(request: Request, { params }: { params: Promise<{ metricId: string }> }) {
  return adminRoute(request, async ({ db }) => {
    const { metricId } = await params;
    return json({ metric: await setMetricArchived(db, await requireProjectId(), metricId, false) });
  });
}
