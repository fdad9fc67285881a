import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { getDatabase } from "@/lib/db";
import { getExperimentResults, parseResultSettings } from "@/lib/results";

/** GET /api/v1/experiments/{id}/results?engine=&confidence=&correction=&breakdown=&from=&to=&mde=&refresh= */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const auth = await authorizeApi(request);
  if (auth.denied) return auth.denied;
  const parsed = parseResultSettings(new URL(request.url).searchParams);
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: 400 });
  const { id } = await context.params;
  const results = await getExperimentResults(await getDatabase(), id, parsed.settings, { refresh: parsed.refresh });
  if (!results) return NextResponse.json({ error: "no experiment with this id" }, { status: 404 });
  return NextResponse.json(results);
}
