import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { getDatabase } from "@/lib/db";
import { discoverExperiments, listExperiments } from "@/lib/results";

/** GET /api/v1/experiments[?projectId=]: experiment rules, and flags seen only in exposures. */
export async function GET(request: Request) {
  const auth = await authorizeApi(request);
  if (auth.denied) return auth.denied;
  const projectId = new URL(request.url).searchParams.get("projectId") ?? undefined;
  const db = await getDatabase();
  const [experiments, discovered] = await Promise.all([listExperiments(db, { projectId }), discoverExperiments(db, { projectId })]);
  return NextResponse.json({ experiments, discovered });
}
