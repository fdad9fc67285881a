import { requireProjectId } from "@/lib/admin/context";
import { adminRoute, json, readJson } from "@/lib/admin/http";
import { ruleUpdateSchema } from "@/lib/admin/rule-schema";
import { updateRule } from "@/lib/admin/rules";
import { parseInput } from "@/lib/admin/validation";

/** Replaces the rule's settings (send every field, as the form does). */
export async function PATCH(request: Request, { params }: { params: Promise<{ flagId: string; ruleId: string }> }) {
  return adminRoute(request, async ({ db }) => {
    const input = parseInput(ruleUpdateSchema, await readJson(request));
    const ref = await params;
    return json({ rule: await updateRule(db, await requireProjectId(), ref, input) });
  });
}
