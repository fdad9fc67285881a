import { NextResponse } from "next/server";
import { authorizeApi } from "@/lib/auth/api-guard";
import type { CurrentUser } from "@/lib/auth/roles";
import { getDatabase, type Database } from "@/lib/db";
import { ConflictError, InvalidInputError, NotFoundError } from "./errors";

export interface AdminRequestContext {
  db: Database;
  user: CurrentUser;
}

/**
 * Wraps an admin JSON route: 401 without a session, 403 for viewers (before the body is even read),
 * then maps the admin layer's errors to 400 { error, fieldErrors } / 404 / 409.
 */
export async function adminRoute(
  request: Request,
  handler: (context: AdminRequestContext) => Promise<Response>,
): Promise<Response> {
  const guard = await authorizeApi(request, { admin: true });
  if (guard.denied) return guard.denied;
  try {
    return await handler({ db: await getDatabase(), user: guard.user });
  } catch (error) {
    if (error instanceof InvalidInputError) {
      return NextResponse.json({ error: error.message, fieldErrors: error.fieldErrors }, { status: 400 });
    }
    if (error instanceof NotFoundError) return NextResponse.json({ error: error.message }, { status: 404 });
    if (error instanceof ConflictError) return NextResponse.json({ error: error.message }, { status: 409 });
    throw error;
  }
}

export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new InvalidInputError({}, "The body must be JSON");
  }
}

export const json = (body: unknown, status = 200) => NextResponse.json(body, { status });
