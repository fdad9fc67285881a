import { requireProjectId } from "@/lib/admin/context";
import { adminRoute, json, readJson } from "@/lib/admin/http";
import { sdkKeyCreateSchema } from "@/lib/admin/sdk-key-schema";
import { createProjectSdkKey } from "@/lib/admin/sdk-keys";
import { parseInput } from "@/lib/admin/validation";

/** { environment: "development" | "production", name } */
export async function POST(request: Request) {
  return adminRoute(request, async ({ db }) => {
    const input = parseInput(sdkKeyCreateSchema, await readJson(request));
    return json({ sdkKey: await createProjectSdkKey(db, await requireProjectId(), input) }, 201);
  });
}
