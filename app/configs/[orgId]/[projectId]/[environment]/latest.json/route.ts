import { CONFIG_CORS_HEADERS, configJson, configResponse } from "@/lib/config/http";
import { getPublishedConfig } from "@/lib/config/published";
import { getDatabase } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/ingest/errors";

type Params = { orgId: string; projectId: string; environment: string };

/** The project config SDKs poll (DESIGN.md "Config"), with ETag / If-None-Match. */
export async function GET(request: Request, { params }: { params: Promise<Params> }): Promise<Response> {
  const { orgId, projectId, environment } = await params;
  try {
    const config = await getPublishedConfig(await getDatabase(), { organizationId: orgId, projectId, environment });
    if (!config) return configJson({ error: `no config for ${orgId}/${projectId}/${environment}` }, 404);
    return configResponse(config, request.headers.get("if-none-match"));
  } catch (error) {
    if (isDatabaseUnavailable(error)) return configJson({ error: "database unavailable, retry later" }, 503, { "Retry-After": "5" });
    console.error("config failed", error);
    return configJson({ error: "internal error" }, 500);
  }
}

export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: CONFIG_CORS_HEADERS });
}
