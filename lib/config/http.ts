import type { PublishedConfig } from "./published";

/** Configs are public and read by browsers from any origin; SDKs need the ETag to poll with If-None-Match. */
export const CONFIG_CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match",
  "Access-Control-Expose-Headers": "ETag",
  "Access-Control-Max-Age": "86400",
};

/** Whether an If-None-Match header names the ETag (weak comparison, as RFC 9110 prescribes for it). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** 200 with the config, or 304 when the client already has this version. Caches must revalidate every time. */
export function configResponse(config: PublishedConfig, ifNoneMatch: string | null): Response {
  const headers = { ...CONFIG_CORS_HEADERS, ETag: config.etag, "Cache-Control": "public, no-cache" };
  if (matchesEtag(ifNoneMatch, config.etag)) return new Response(null, { status: 304, headers });
  return new Response(config.body, { status: 200, headers: { ...headers, "Content-Type": "application/json" } });
}

export function configJson(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...CONFIG_CORS_HEADERS, "Cache-Control": "no-store", ...headers } });
}
