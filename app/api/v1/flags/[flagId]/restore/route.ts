import { requireProjectId } from "@/lib/admin/context";
import { setFlagArchived } from "@/lib/admin/flags";
import { adminRoute, json } from "@/lib/admin/http";

export async function POST(request: Request, { params }: { params: Promise<{ flagId: string }> }) {
  return adminRoute(request, async ({ db }) => {
    const { flagId } = await params;
    return json({ flag: await setFlagArchived(db, await requireProjectId(), flagId, false) });
  });
}
