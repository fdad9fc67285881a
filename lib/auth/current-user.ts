import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { getDatabase } from "@/lib/db";
import { authOptions } from "./options";
import type { CurrentUser, Role } from "./roles";

/**
 * The signed-in user, or null. The JWT only names the user: role and the disabled flag are read
 * from the database on every request, so demoting or disabling someone takes effect at once.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const { prisma } = await getDatabase();
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}

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
