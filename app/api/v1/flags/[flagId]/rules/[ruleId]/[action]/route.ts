import { requireProjectId } from "@/lib/admin/context";
import { NotFoundError } from "@/lib/admin/errors";
import { adminRoute, json } from "@/lib/admin/http";
import { ruleActionSchema } from "@/lib/admin/rule-schema";
import { applyRuleAction } from "@/lib/admin/rules";

type Context = { params: Promise<{ flagId: string; ruleId: string; action: string }> };

/** POST .../start | stop | archive | move-up | move-down */
export async function POST(request: Request, { params }: Context) {
  return adminRoute(request, async ({ db }) => {
    const { flagId, ruleId, action } = await params;
    const parsed = ruleActionSchema.safeParse(action);
    if (!parsed.success) throw new NotFoundError(`Unknown action "${action}"`);
    return json({ rule: await applyRuleAction(db, await requireProjectId(), { flagId, ruleId }, parsed.data) });
  });
}
