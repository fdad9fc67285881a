import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { METRIC_KIND_HELP, METRIC_KIND_LABELS, STATUS_BADGE, describeCondition } from "@/components/admin/labels";
import type { MetricFilter } from "@/lib/admin/metric-schema";
import { requireUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";
import { deleteMetricAction, setMetricArchivedAction } from "../actions";

export const metadata: Metadata = { title: "Metric" };

export default async function MetricPage({ params }: { params: Promise<{ metricId: string }> }) {
  const user = await requireUser();
  const { metricId } = await params;
  const project = await getCurrentProject();
  const { prisma } = await getDatabase();
  const metric = project
    ? await prisma.metric.findFirst({
        where: { id: metricId, projectId: project.id },
        include: { rules: { include: { rule: { include: { flag: true, environment: true } } } } },
      })
    : null;
  if (!metric) notFound();
  const filters = metric.filters as MetricFilter[];
  const used = metric.rules.length > 0;
  return (
    <>
      <div className="page-header">
        <div>
          <p className="subtitle"><Link href="/metrics">Metrics</Link> /</p>
          <h1>{metric.name} {metric.archivedAt && <span className="badge">Archived</span>}</h1>
          {metric.description && <p className="subtitle">{metric.description}</p>}
        </div>
        {isAdmin(user) && (
          <div className="row">
            <Link className="btn" href={`/metrics/${metric.id}/edit`}>Edit</Link>
            {metric.archivedAt ? (
              <ActionButton action={setMetricArchivedAction.bind(null, metric.id, false)} label="Restore" />
            ) : used ? (
              <ActionButton action={setMetricArchivedAction.bind(null, metric.id, true)} label="Archive" confirm="Archive this metric? Experiments keep it; new ones cannot pick it." />
            ) : (
              <ActionButton action={deleteMetricAction.bind(null, metric.id)} label="Delete" variant="danger" confirm="Delete this metric? No experiment uses it." />
            )}
          </div>
        )}
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>Definition</h2>
          <table className="table">
            <tbody>
              <tr><th>Event</th><td className="mono">{metric.eventKey}</td></tr>
              <tr><th>Kind</th><td>{METRIC_KIND_LABELS[metric.kind]} <span className="hint">— {METRIC_KIND_HELP[metric.kind]}</span></td></tr>
              <tr><th>Better when</th><td>{metric.direction === "higher" ? "Higher" : "Lower"}</td></tr>
              <tr><th>Filters</th><td>{filters.length === 0 ? <span className="muted">Every event</span> : filters.map((f, i) => <div key={i} className="mono">{describeCondition(f.property, f.operator, f.value)}</div>)}</td></tr>
              <tr><th>Window</th><td>{metric.windowHours ? `${metric.windowHours} hours after first exposure` : <span className="muted">No limit</span>}</td></tr>
              <tr><th>Outlier cap</th><td>{metric.winsorizePercentile ? `${metric.winsorizePercentile} percentile` : <span className="muted">None</span>}</td></tr>
            </tbody>
          </table>
        </div>
        <div className="card">
          <h2>Used by</h2>
          {!used ? (
            <p className="muted">No experiment uses this metric yet.</p>
          ) : (
            <table className="table">
              <thead><tr><th>Experiment</th><th>Role</th><th>Status</th></tr></thead>
              <tbody>
                {metric.rules.map(({ rule, role }) => (
                  <tr key={rule.id}>
                    <td><Link href={`/flags/${rule.flagId}/rules/${rule.id}`}>{rule.name || rule.key}</Link> <span className="hint">{rule.flag.key} · {rule.environment.key}</span></td>
                    <td>{role}</td>
                    <td><span className={STATUS_BADGE[rule.archivedAt ? "archived" : rule.status]}>{rule.archivedAt ? "archived" : rule.status}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </>
  );
}
