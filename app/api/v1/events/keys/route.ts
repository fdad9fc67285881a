import { authorizeApi } from "@/lib/auth/api-guard";
import { listEventKeys } from "@/lib/explorer/events";
import { resolveExplorerRequest } from "@/lib/explorer/http";
import { eventKeysQuerySchema } from "@/lib/explorer/query";

/** Event keys seen in an environment with recent counts and a 14-day daily series. */
export async function GET(request: Request): Promise<Response> {
  const guard = await authorizeApi(request);
  if (guard.denied) return guard.denied;
  const resolved = await resolveExplorerRequest(request, eventKeysQuerySchema);
  if (resolved.denied) return resolved.denied;
  return Response.json({ keys: await listEventKeys(resolved.db, resolved.environmentId) });
}
