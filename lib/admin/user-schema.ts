import { z } from "zod";
import { booleanField, optionalText } from "./validation";

export const ROLES = ["ADMIN", "VIEWER"] as const;
const roleSchema = z.enum(ROLES, { error: "Pick admin or viewer" });

export const userCreateSchema = z.object({
  email: z
    .string({ error: "Required" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address" })),
  name: optionalText(100),
  password: z.string({ error: "Required" }).min(8, "At least 8 characters").max(200, "At most 200 characters"),
  role: roleSchema.default("VIEWER"),
});

export const userUpdateSchema = z
  .object({ role: roleSchema.optional(), disabled: booleanField.optional() })
  .refine((update) => update.role !== undefined || update.disabled !== undefined, { message: "Nothing to change", path: ["role"] });

export type UserCreateInput = z.output<typeof userCreateSchema>;
export type UserUpdateInput = z.output<typeof userUpdateSchema>;
