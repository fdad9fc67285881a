import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { runAnalysisRequest } from "@/lib/stats";

export const dynamic = "force-dynamic";

/** The statistics engine over HTTP: the same JSON in and out as `npm run analyze`. */
export async function POST(request: Request) {
  const { denied } = await authorizeApi(request);
  if (denied) return denied;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ error: "request: body is not valid JSON" }, { status: 400 });
  }
  const outcome = runAnalysisRequest(body);
  if (!outcome.ok) return NextResponse.json({ error: outcome.error }, { status: 400 });
  return NextResponse.json(outcome.result);
}
