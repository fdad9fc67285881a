import { requireProjectId } from "@/lib/admin/context";
import { environmentKeySchema, flagEnvironmentSchema } from "@/lib/admin/flag-schema";
import { setFlagEnvironment } from "@/lib/admin/flags";
import { NotFoundError } from "@/lib/admin/errors";
import { adminRoute, json, readJson } from "@/lib/admin/http";
import { parseInput } from "@/lib/admin/validation";

/** Sets { running, weights } of the flag in development or production. */
export async function PUT(request: Request, { params }: { params: Promise<{ flagId: string; environment: string }> }) {
  return adminRoute(request, async ({ db }) => {
    const input = parseInput(flagEnvironmentSchema, await readJson(request));
    const { flagId, environment } = await params;
    const environmentKey = environmentKeySchema.safeParse(environment);
    if (!environmentKey.success) throw new NotFoundError(`No environment "${environment}"`);
    return json({ setting: await setFlagEnvironment(db, await requireProjectId(), flagId, environmentKey.data, input) });
  });
}
