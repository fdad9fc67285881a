import type { Metadata } from "next";
import Link from "next/link";
import { MetricForm } from "@/components/admin/metric-form";
import { NoProject } from "@/components/admin/no-project";
import { listEventKeys } from "@/lib/admin/event-keys";
import { requireAdmin } from "@/lib/auth/current-user";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";
import { createMetricAction } from "../actions";

export const metadata: Metadata = { title: "New metric" };

export default async function NewMetricPage() {
  await requireAdmin();
  const project = await getCurrentProject();
  if (!project) return <NoProject />;
  const eventKeys = await listEventKeys(await getDatabase(), project.id);
  return (
    <>
      <div className="page-header">
        <div>
          <p className="subtitle"><Link href="/metrics">Metrics</Link> /</p>
          <h1>New metric</h1>
        </div>
      </div>
      <MetricForm action={createMetricAction} eventKeys={eventKeys} submitLabel="Create metric" />
    </>
  );
}
