"use server";

import { refresh } from "next/cache";
import { requireAdmin } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/admin/context";
import type { FormState } from "@/lib/admin/form-state";
import { attempt } from "@/lib/admin/outcome";
import { projectCreateSchema } from "@/lib/admin/project-schema";
import { createProjectFromInput } from "@/lib/admin/projects";
import { sdkKeyCreateSchema } from "@/lib/admin/sdk-key-schema";
import { createProjectSdkKey, revokeProjectSdkKey } from "@/lib/admin/sdk-keys";
import { userCreateSchema, userUpdateSchema } from "@/lib/admin/user-schema";
import { createUser, updateUser } from "@/lib/admin/users";
import { parseInput } from "@/lib/admin/validation";
import { getDatabase } from "@/lib/db";

async function settle(operation: () => Promise<unknown>, message?: string): Promise<FormState> {
  const outcome = await attempt(operation);
  if (!outcome.ok) return outcome.state;
  refresh();
  return { status: "ok", message, at: Date.now() };
}

export async function createProjectAction(_previous: FormState, input: unknown): Promise<FormState> {
  await requireAdmin();
  return settle(async () => createProjectFromInput(await getDatabase(), parseInput(projectCreateSchema, input)), "Project created.");
}

export async function createSdkKeyAction(_previous: FormState, input: unknown): Promise<FormState> {
  await requireAdmin();
  return settle(
    async () => createProjectSdkKey(await getDatabase(), await requireProjectId(), parseInput(sdkKeyCreateSchema, input)),
    "SDK key created. Copy it from the table.",
  );
}

export async function revokeSdkKeyAction(keyId: string, _previous: FormState): Promise<FormState> {
  await requireAdmin();
  return settle(async () => revokeProjectSdkKey(await getDatabase(), await requireProjectId(), keyId));
}

export async function createUserAction(_previous: FormState, input: unknown): Promise<FormState> {
  await requireAdmin();
  return settle(async () => createUser(await getDatabase(), parseInput(userCreateSchema, input)), "User added.");
}

/** input: { role } or { disabled }. Refused when it would leave no enabled admin. */
export async function updateUserAction(userId: string, _previous: FormState, input: unknown): Promise<FormState> {
  const admin = await requireAdmin();
  return settle(async () => updateUser(await getDatabase(), admin.id, userId, parseInput(userUpdateSchema, input)));
}
