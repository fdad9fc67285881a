import { hashPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db";
import { ConflictError, InvalidInputError, NotFoundError } from "./errors";
import type { UserCreateInput, UserUpdateInput } from "./user-schema";

/** Everything but the password hash. */
const publicColumns = { id: true, email: true, name: true, role: true, disabled: true, createdAt: true } as const;

export async function createUser(db: Database, input: UserCreateInput) {
  if (await db.prisma.user.findUnique({ where: { email: input.email } })) {
    throw InvalidInputError.field("email", "A user with this email exists");
  }
  return db.prisma.user.create({
    data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
    select: publicColumns,
  });
}

/**
 * Role and enabled state. The project must keep an enabled admin: the change is refused when it would
 * leave none. Admin rows are locked first so two admins demoting each other cannot both succeed.
 */
export async function updateUser(db: Database, actorId: string, userId: string, input: UserUpdateInput) {
  return db.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`select id from "User" where role = 'ADMIN' and not disabled for update`;
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundError("User not found");
    const role = input.role ?? user.role;
    const disabled = input.disabled ?? user.disabled;
    const losesAdmin = user.role === "ADMIN" && !user.disabled && (role !== "ADMIN" || disabled);
    if (losesAdmin) {
      const otherAdmins = await tx.user.count({ where: { role: "ADMIN", disabled: false, id: { not: userId } } });
      if (otherAdmins === 0) {
        const who = userId === actorId ? "You are" : "This user is";
        throw new ConflictError(`${who} the last admin; make someone else an admin first`);
      }
    }
    return tx.user.update({ where: { id: userId }, data: { role, disabled }, select: publicColumns });
  });
}
