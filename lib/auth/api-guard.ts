import { getToken } from "next-auth/jwt";
import { NextResponse } from "next/server";
import { findActiveUser } from "./active-user";
import type { CurrentUser } from "./roles";

type Guarded = { user: CurrentUser; denied?: never } | { user?: never; denied: NextResponse };

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return cookies;
}

/**
 * The signed-in user of an API request, read from the request's own session cookie (so route
 * handlers work, and are tested, over plain HTTP); role and disabled flag come fresh from the database.
 */
export async function userFromRequest(request: Request): Promise<CurrentUser | null> {
  const token = await getToken({
    req: { cookies: parseCookies(request.headers.get("cookie")), headers: request.headers } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: process.env.NEXTAUTH_SECRET,
  });
  return token?.sub ? findActiveUser(token.sub) : null;
}

/** For API route handlers: the user, or the 401/403 JSON response to return. */
export async function authorizeApi(request: Request, options: { admin?: boolean } = {}): Promise<Guarded> {
  const user = await userFromRequest(request);
  if (!user) return { denied: NextResponse.json({ error: "sign in required" }, { status: 401 }) };
  if (options.admin && user.role !== "ADMIN") {
    return { denied: NextResponse.json({ error: "admin role required" }, { status: 403 }) };
  }
  return { user };
}
