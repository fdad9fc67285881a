import { requireProjectId } from "@/lib/admin/context";
import { adminRoute, json, readJson } from "@/lib/admin/http";
import { ruleCreateSchema } from "@/lib/admin/rule-schema";
import { createRule } from "@/lib/admin/rules";
import { parseInput } from "@/lib/admin/validation";

/** Adds a rule (targeted rollout or experiment) to the flag in body.environment, as a draft. */
export async function POST(request: Request, { params }: { params: Promise<{ flagId: string }> }) {
  return adminRoute(request, async ({ db }) => {
    const input = parseInput(ruleCreateSchema, await readJson(request));
    const { flagId } = await params;
    return json({ rule: await createRule(db, await requireProjectId(), flagId, input) }, 201);
  });
}
