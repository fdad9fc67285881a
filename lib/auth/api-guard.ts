import { NextResponse } from "next/server";
import { getCurrentUser } from "./current-user";
import type { CurrentUser } from "./roles";

type Guarded = { user: CurrentUser; denied?: never } | { user?: never; denied: NextResponse };

/** For API route handlers: the user, or the 401/403 JSON response to return. */
export async function authorizeApi(options: { admin?: boolean } = {}): Promise<Guarded> {
  const user = await getCurrentUser();
  if (!user) return { denied: NextResponse.json({ error: "sign in required" }, { status: 401 }) };
  if (options.admin && user.role !== "ADMIN") {
    return { denied: NextResponse.json({ error: "admin role required" }, { status: 403 }) };
  }
  return { user };
}
