import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { metricFormData } from "@/components/admin/form-data";
import { MetricForm } from "@/components/admin/metric-form";
import { listEventKeys } from "@/lib/admin/event-keys";
import { requireAdmin } from "@/lib/auth/current-user";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";
import { updateMetricAction } from "../../actions";

export const metadata: Metadata = { title: "Edit metric" };

export default async function EditMetricPage({ params }: { params: Promise<{ metricId: string }> }) {
  await requireAdmin();
  const { metricId } = await params;
  const project = await getCurrentProject();
  const db = await getDatabase();
  const metric = project ? await db.prisma.metric.findFirst({ where: { id: metricId, projectId: project.id } }) : null;
  if (!project || !metric) notFound();
  return (
    <>
      <div className="page-header">
        <div>
          <p className="subtitle"><Link href="/metrics">Metrics</Link> / <Link href={`/metrics/${metric.id}`}>{metric.name}</Link> /</p>
          <h1>Edit metric</h1>
        </div>
      </div>
      <MetricForm
        action={updateMetricAction.bind(null, metric.id)}
        initial={metricFormData(metric)}
        eventKeys={await listEventKeys(db, project.id)}
        submitLabel="Save metric"
      />
    </>
  );
}
