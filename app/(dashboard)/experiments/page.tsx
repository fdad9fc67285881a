import type { Metadata } from "next";
import Link from "next/link";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";

export const metadata: Metadata = { title: "Experiments" };

export default async function ExperimentsPage() {
  const project = await getCurrentProject();
  const { prisma } = await getDatabase();
  const experiments = project
    ? await prisma.rule.findMany({
        where: { flag: { projectId: project.id }, type: { in: ["ab_test", "multi_armed_bandit"] }, archivedAt: null },
        include: { flag: true, environment: true },
        orderBy: { createdAt: "desc" },
      })
    : [];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Experiments</h1>
          <p className="subtitle">A/B tests and bandits, with the variation that is winning.</p>
        </div>
      </div>
      {experiments.length === 0 ? (
        <div className="card empty">
          <h2>No experiments yet</h2>
          <p>An experiment is an A/B test or bandit rule on a flag. Define a metric, then add an experiment rule to a flag.</p>
          <Link className="btn btn-primary" href="/flags">Go to flags</Link>
        </div>
      ) : (
        <div className="card">
          <table className="table">
            <thead><tr><th>Name</th><th>Flag</th><th>Environment</th><th>Status</th></tr></thead>
            <tbody>
              {experiments.map((rule) => (
                <tr key={rule.id}>
                  <td><Link href={`/experiments/${rule.id}`}>{rule.name || rule.key}</Link></td>
                  <td className="mono">{rule.flag.key}</td>
                  <td>{rule.environment.key}</td>
                  <td><span className="badge">{rule.status}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
