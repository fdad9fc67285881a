import { getDatabase } from "@/lib/db";
import type { CurrentUser, Role } from "./roles";

/**
 * The user a session names, read fresh from the database so demoting or disabling someone takes
 * effect at once; null for unknown and disabled users.
 */
export async function findActiveUser(id: string): Promise<CurrentUser | null> {
  const { prisma } = await getDatabase();
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}
