import { resolveSdkKey } from "@/lib/auth/sdk-keys";
import { getDatabase } from "@/lib/db";
import { parseBatch, readBody } from "./body";
import { isDatabaseUnavailable, RequestError } from "./errors";
import { ingestBatch } from "./ingest";

/** Where SDKs send events and exposures: see DESIGN.md "Events" for the wire format. */
export const FLAG_EVENTS_PATH = "/v1/flag-events";

/**
 * A request to FLAG_EVENTS_PATH as this endpoint sees it, whichever server received it: the Next.js
 * route handler (a Fetch API Request) or the custom server in front of Next (Node's IncomingMessage).
 * lib/ingest/http.ts adapts both.
 */
export interface IngestRequest {
  /** POST or OPTIONS: the only methods routed here. */
  method: string;
  /** A header by lower-case name; repeated headers joined with ", " as the Fetch API does. */
  header(name: string): string | null;
  /** The query string without "?", "" when there is none. */
  search: string;
  /** The body's bytes as they arrive; null when there is no body. */
  body: AsyncIterable<Uint8Array> | null;
}

/** The answer, for the adapter to write: a JSON text body, or none. */
export interface IngestReply {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** Browser SDKs post from any origin; the key, not the origin, is what authorises. */
export const INGEST_CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, X-SDK-Key, Content-Encoding",
  "Access-Control-Expose-Headers": "Retry-After",
  "Access-Control-Max-Age": "86400",
};

const RETRY_AFTER_SECONDS = 5;

/** The whole endpoint: OPTIONS answers the CORS preflight; POST authorises, parses and stores a batch. Never rejects. */
export async function serveFlagEvents(request: IngestRequest): Promise<IngestReply> {
  if (request.method === "OPTIONS") return { status: 204, headers: INGEST_CORS_HEADERS, body: null };
  const receivedAt = Date.now();
  try {
    const key = sdkKeyOf(request);
    const db = await getDatabase();
    const scope = key ? await resolveSdkKey(db, key) : null;
    if (!scope) throw new RequestError(401, "unknown or revoked SDK key (send it in X-SDK-Key or ?sdkKey=)");
    const batch = parseBatch(await readBody(request));
    return jsonReply(await ingestBatch(db, scope, batch, receivedAt));
  } catch (error) {
    return errorReply(error);
  }
}

/** The SDK key from the X-SDK-Key header, or from ?sdkKey= for sendBeacon, which cannot set headers. */
function sdkKeyOf(request: IngestRequest): string | null {
  return request.header("x-sdk-key") ?? (request.search ? new URLSearchParams(request.search).get("sdkKey") : null);
}

function jsonReply(body: unknown, status = 200, headers: Record<string, string> = {}): IngestReply {
  return {
    status,
    headers: { ...INGEST_CORS_HEADERS, "Cache-Control": "no-store", "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

/** Every failure answers JSON: the client's mistakes with their status, an unavailable database with 503. */
function errorReply(error: unknown): IngestReply {
  if (error instanceof RequestError) return jsonReply({ error: error.message }, error.status);
  if (isDatabaseUnavailable(error)) {
    return jsonReply({ error: "database unavailable, retry later" }, 503, { "Retry-After": String(RETRY_AFTER_SECONDS) });
  }
  console.error("ingest failed", error);
  return jsonReply({ error: "internal error" }, 500);
}
