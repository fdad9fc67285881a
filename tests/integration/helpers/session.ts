import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";

// Route handlers read the next-auth session cookie of the request; tests sign real ones with this secret.
process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");

/** Creates a user with the role and returns the Cookie header of a signed-in session for them. */
export async function sessionCookie(db: Database, role: Role): Promise<string> {
  const user = await db.prisma.user.create({
    data: { email: `${role.toLowerCase()}-${crypto.randomUUID()}@test.local`, role, passwordHash: await hashPassword("unused-password") },
  });
  const token = await encode({ token: { sub: user.id, email: user.email }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}
