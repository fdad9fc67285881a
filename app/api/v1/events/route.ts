import { authorizeApi } from "@/lib/auth/api-guard";
import { listRecentEvents } from "@/lib/explorer/events";
import { resolveExplorerRequest } from "@/lib/explorer/http";
import { recentEventsQuerySchema } from "@/lib/explorer/query";

/** The latest events of an environment, filterable by eventKey and userId, paged with `before`. */
export async function GET(request: Request): Promise<Response> {
  const guard = await authorizeApi(request);
  if (guard.denied) return guard.denied;
  const resolved = await resolveExplorerRequest(request, recentEventsQuerySchema);
  if (resolved.denied) return resolved.denied;
  return Response.json(await listRecentEvents(resolved.db, resolved.environmentId, resolved.query));
}
