"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/current-user";
import { requireProjectId } from "@/lib/admin/context";
import type { FormState } from "@/lib/admin/form-state";
import { metricInputSchema } from "@/lib/admin/metric-schema";
import { createMetric, deleteMetric, setMetricArchived, updateMetric } from "@/lib/admin/metrics";
import { attempt } from "@/lib/admin/outcome";
import { parseInput } from "@/lib/admin/validation";
import { getDatabase } from "@/lib/db";

export async function createMetricAction(_previous: FormState, input: unknown): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () => createMetric(await getDatabase(), await requireProjectId(), parseInput(metricInputSchema, input)));
  if (!outcome.ok) return outcome.state;
  redirect(`/metrics/${outcome.value.id}`);
}

export async function updateMetricAction(metricId: string, _previous: FormState, input: unknown): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () =>
    updateMetric(await getDatabase(), await requireProjectId(), metricId, parseInput(metricInputSchema, input)),
  );
  if (!outcome.ok) return outcome.state;
  redirect(`/metrics/${metricId}`);
}

export async function setMetricArchivedAction(metricId: string, archived: boolean, _previous: FormState): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () => setMetricArchived(await getDatabase(), await requireProjectId(), metricId, archived));
  if (!outcome.ok) return outcome.state;
  refresh();
  return { status: "ok" };
}

export async function deleteMetricAction(metricId: string, _previous: FormState): Promise<FormState> {
  await requireAdmin();
  const outcome = await attempt(async () => deleteMetric(await getDatabase(), await requireProjectId(), metricId));
  if (!outcome.ok) return outcome.state;
  redirect("/metrics");
}
