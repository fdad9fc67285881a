import { adminRoute, json, readJson } from "@/lib/admin/http";
import { userUpdateSchema } from "@/lib/admin/user-schema";
import { updateUser } from "@/lib/admin/users";
import { parseInput } from "@/lib/admin/validation";

/** { role?, disabled? }; 409 when it would leave no enabled admin. */
export async function PATCH(request: Request, { params }: { params: Promise<{ userId: string }> }) {
  return adminRoute(request, async ({ db, user }) => {
    const input = parseInput(userUpdateSchema, await readJson(request));
    const { userId } = await params;
    return json({ user: await updateUser(db, user.id, userId, input) });
  });
}
