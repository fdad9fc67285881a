import { requireProjectId } from "@/lib/admin/context";
import { flagUpdateSchema } from "@/lib/admin/flag-schema";
import { updateFlag } from "@/lib/admin/flags";
import { adminRoute, json, readJson } from "@/lib/admin/http";
import { parseInput } from "@/lib/admin/validation";

/** Replaces name, description, variations and variables (the key never changes). */
export async function PATCH(request: Request, { params }: { params: Promise<{ flagId: string }> }) {
  return adminRoute(request, async ({ db }) => {
    const input = parseInput(flagUpdateSchema, await readJson(request));
    const { flagId } = await params;
    return json({ flag: await updateFlag(db, await requireProjectId(), flagId, input) });
  });
}
