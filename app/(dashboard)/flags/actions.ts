"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/admin/context";
import { environmentKeySchema, flagCreateSchema, flagEnvironmentSchema, flagUpdateSchema } from "@/lib/admin/flag-schema";
import { createFlag, setFlagArchived, setFlagEnvironment, setFlagRunning, updateFlag } from "@/lib/admin/flags";
import type { FormState } from "@/lib/admin/form-state";
import { attempt } from "@/lib/admin/outcome";
import { ruleActionSchema, ruleCreateSchema, ruleUpdateSchema } from "@/lib/admin/rule-schema";
import { applyRuleAction, createRule, updateRule } from "@/lib/admin/rules";
import { parseInput } from "@/lib/admin/validation";
import { getDatabase } from "@/lib/db";

// Bound arguments (ids, environment, action names) come back from the browser: they are parsed like input.

const done = (message?: string): FormState => {
  refresh();
  return { status: "ok", message, at: Date.now() };
};

export async function createFlagAction(_previous: FormState, input: unknown): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () => createFlag(await getDatabase(), await requireProjectId(), parseInput(flagCreateSchema, input)));
  if (!outcome.ok) return outcome.state;
  redirect(`/flags/${outcome.value.id}`);
}

export async function updateFlagAction(flagId: string, _previous: FormState, input: unknown): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () => updateFlag(await getDatabase(), await requireProjectId(), flagId, parseInput(flagUpdateSchema, input)));
  if (!outcome.ok) return outcome.state;
  redirect(`/flags/${flagId}`);
}

export async function setFlagArchivedAction(flagId: string, archived: boolean, _previous: FormState): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () => setFlagArchived(await getDatabase(), await requireProjectId(), flagId, archived === true));
  return outcome.ok ? done() : outcome.state;
}

export async function setFlagRunningAction(flagId: string, environment: string, running: boolean, _previous: FormState): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () =>
    setFlagRunning(await getDatabase(), await requireProjectId(), flagId, parseInput(environmentKeySchema, environment), running === true),
  );
  return outcome.ok ? done() : outcome.state;
}

export async function setFlagAllocationAction(flagId: string, environment: string, _previous: FormState, input: unknown): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () =>
    setFlagEnvironment(
      await getDatabase(),
      await requireProjectId(),
      flagId,
      parseInput(environmentKeySchema, environment),
      parseInput(flagEnvironmentSchema, input),
    ),
  );
  return outcome.ok ? done("Allocation saved.") : outcome.state;
}

export async function createRuleAction(flagId: string, _previous: FormState, input: unknown): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () => createRule(await getDatabase(), await requireProjectId(), flagId, parseInput(ruleCreateSchema, input)));
  if (!outcome.ok) return outcome.state;
  redirect(`/flags/${flagId}/rules/${outcome.value.id}`);
}

export async function updateRuleAction(flagId: string, ruleId: string, _previous: FormState, input: unknown): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () =>
    updateRule(await getDatabase(), await requireProjectId(), { flagId, ruleId }, parseInput(ruleUpdateSchema, input)),
  );
  if (!outcome.ok) return outcome.state;
  redirect(`/flags/${flagId}/rules/${ruleId}`);
}

/** start | stop | archive | move-up | move-down */
export async function ruleAction(flagId: string, ruleId: string, action: string, _previous: FormState): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () =>
    applyRuleAction(await getDatabase(), await requireProjectId(), { flagId, ruleId }, parseInput(ruleActionSchema, action)),
  );
  return outcome.ok ? done() : outcome.state;
}
