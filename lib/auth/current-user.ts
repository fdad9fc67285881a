import { getServerSession } from "next-auth";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "./options";
import { findActiveUser } from "./active-user";
import type { CurrentUser } from "./roles";

/**
 * The signed-in user of the page being rendered, or null. The JWT only names the user; the rest is
 * read fresh (findActiveUser). Memoised per request: the layout and the page both ask.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? findActiveUser(id) : null;
});

/** For pages: the user, or a redirect to sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  return user;
}

/** For admin pages and server actions: the admin, or a 403 page. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") forbidden();
  return user;
}
