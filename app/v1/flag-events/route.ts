import { resolveSdkKey } from "@/lib/auth/sdk-keys";
import { getDatabase } from "@/lib/db";
import { parseBatch, readBody } from "@/lib/ingest/body";
import { RequestError } from "@/lib/ingest/errors";
import { INGEST_CORS_HEADERS, ingestErrorResponse, ingestJson, sdkKeyOf } from "@/lib/ingest/http";
import { ingestBatch } from "@/lib/ingest/ingest";

/** Events and exposures from SDKs: see DESIGN.md "Events" for the wire format. */
export async function POST(request: Request): Promise<Response> {
  const receivedAt = Date.now();
  try {
    const key = sdkKeyOf(request);
    const db = await getDatabase();
    const scope = key ? await resolveSdkKey(db, key) : null;
    if (!scope) throw new RequestError(401, "unknown or revoked SDK key (send it in X-SDK-Key or ?sdkKey=)");
    const batch = parseBatch(await readBody(request));
    return ingestJson(await ingestBatch(db, scope, batch, receivedAt));
  } catch (error) {
    return ingestErrorResponse(error);
  }
}

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: INGEST_CORS_HEADERS });
}
