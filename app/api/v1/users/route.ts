import { adminRoute, json, readJson } from "@/lib/admin/http";
import { userCreateSchema } from "@/lib/admin/user-schema";
import { createUser } from "@/lib/admin/users";
import { parseInput } from "@/lib/admin/validation";

export async function POST(request: Request) {
  return adminRoute(request, async ({ db }) => {
    const input = parseInput(userCreateSchema, await readJson(request));
    return json({ user: await createUser(db, input) }, 201);
  });
}
