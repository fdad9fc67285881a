import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import { BanditError, listBanditRuns, runBandit } from "@/lib/bandit";
import { getDatabase } from "@/lib/db";

/** GET /api/v1/experiments/{id}/bandit: the bandit's re-weighting history, newest first. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const auth = await authorizeApi(request);
  if (auth.denied) return auth.denied;
  const { id } = await context.params;
  return NextResponse.json({ runs: await listBanditRuns(await getDatabase(), id) });
}

/** POST /api/v1/experiments/{id}/bandit (admin): re-weights the bandit now and publishes the ranges. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  const auth = await authorizeApi(request, { admin: true });
  if (auth.denied) return auth.denied;
  const { id } = await context.params;
  try {
    return NextResponse.json(await runBandit(await getDatabase(), id));
  } catch (error) {
    if (error instanceof BanditError) return NextResponse.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
