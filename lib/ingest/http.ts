import { isDatabaseUnavailable, RequestError } from "./errors";

/** Browser SDKs post from any origin; the key, not the origin, is what authorises. */
export const INGEST_CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, X-SDK-Key, Content-Encoding",
  "Access-Control-Expose-Headers": "Retry-After",
  "Access-Control-Max-Age": "86400",
};

const RETRY_AFTER_SECONDS = 5;

export function ingestJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...INGEST_CORS_HEADERS, "Cache-Control": "no-store", ...headers } });
}

/** The SDK key from the X-SDK-Key header, or from ?sdkKey= for sendBeacon, which cannot set headers. */
export function sdkKeyOf(request: Request): string | null {
  return request.headers.get("x-sdk-key") ?? new URL(request.url).searchParams.get("sdkKey");
}

/** Every failure answers JSON: the client's mistakes with their status, an unavailable database with 503. */
export function ingestErrorResponse(error: unknown): Response {
  if (error instanceof RequestError) return ingestJson({ error: error.message }, error.status);
  if (isDatabaseUnavailable(error)) {
    return ingestJson({ error: "database unavailable, retry later" }, 503, { "Retry-After": String(RETRY_AFTER_SECONDS) });
  }
  console.error("ingest failed", error);
  return ingestJson({ error: "internal error" }, 500);
}
