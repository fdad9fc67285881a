import type { Metadata } from "next";
import Link from "next/link";
import { METRIC_KIND_LABELS } from "@/components/admin/labels";
import { NoProject } from "@/components/admin/no-project";
import { requireUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";

export const metadata: Metadata = { title: "Metrics" };

export default async function MetricsPage() {
  const user = await requireUser();
  const project = await getCurrentProject();
  const { prisma } = await getDatabase();
  const metrics = project
    ? await prisma.metric.findMany({
        where: { projectId: project.id },
        include: { _count: { select: { rules: true } } },
        orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
      })
    : [];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Metrics</h1>
          <p className="subtitle">What experiments measure: events your apps send, counted per user.</p>
        </div>
        {project && isAdmin(user) && <Link className="btn btn-primary" href="/metrics/new">New metric</Link>}
      </div>
      {!project ? (
        <NoProject />
      ) : metrics.length === 0 ? (
        <div className="card empty">
          <h2>No metrics yet</h2>
          <p>A metric turns an event such as <code>purchase_completed</code> into a number to compare between variations.</p>
          {isAdmin(user) && <Link className="btn btn-primary" href="/metrics/new">Define the first metric</Link>}
        </div>
      ) : (
        <div className="card">
          <table className="table">
            <thead>
              <tr><th>Name</th><th>Event</th><th>Kind</th><th>Better when</th><th className="num">Experiments</th><th>Status</th></tr>
            </thead>
            <tbody>
              {metrics.map((metric) => (
                <tr key={metric.id} className={metric.archivedAt ? "muted" : undefined}>
                  <td><Link href={`/metrics/${metric.id}`}>{metric.name}</Link></td>
                  <td className="mono">{metric.eventKey}</td>
                  <td>{METRIC_KIND_LABELS[metric.kind]}</td>
                  <td>{metric.direction === "higher" ? "Higher" : "Lower"}</td>
                  <td className="num">{metric._count.rules}</td>
                  <td>{metric.archivedAt ? <span className="badge">Archived</span> : <span className="badge badge-good">Active</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
