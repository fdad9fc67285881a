import { requireProjectId } from "@/lib/admin/context";
import { adminRoute, json } from "@/lib/admin/http";
import { revokeProjectSdkKey } from "@/lib/admin/sdk-keys";

export async function POST(request: Request, { params }: { params: Promise<{ keyId: string }> }) {
  return adminRoute(request, async ({ db }) => {
    const { keyId } = await params;
    return json({ sdkKey: await revokeProjectSdkKey(db, await requireProjectId(), keyId) });
  });
}
