import type { Metadata } from "next";
import Link from "next/link";
import { NoProject } from "@/components/admin/no-project";
import { requireUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";

export const metadata: Metadata = { title: "Flags" };

export default async function FlagsPage() {
  const user = await requireUser();
  const project = await getCurrentProject();
  const { prisma } = await getDatabase();
  const flags = project
    ? await prisma.flag.findMany({
        where: { projectId: project.id },
        include: {
          variations: { orderBy: { position: "asc" } },
          settings: { include: { environment: true } },
          rules: { where: { archivedAt: null } },
        },
        orderBy: [{ status: "asc" }, { key: "asc" }],
      })
    : [];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Flags</h1>
          <p className="subtitle">Feature flags, their variations, and the rules and experiments that decide who gets which.</p>
        </div>
        {project && isAdmin(user) && <Link className="btn btn-primary" href="/flags/new">New flag</Link>}
      </div>
      {!project ? (
        <NoProject />
      ) : flags.length === 0 ? (
        <div className="card empty">
          <h2>No flags yet</h2>
          <p>A flag is a switch in your code with two or more variations. Experiments are rules on a flag.</p>
          {isAdmin(user) && <Link className="btn btn-primary" href="/flags/new">Create the first flag</Link>}
        </div>
      ) : (
        <div className="card">
          <table className="table">
            <thead>
              <tr><th>Flag</th><th>Variations</th><th>Development</th><th>Production</th><th className="num">Rules</th></tr>
            </thead>
            <tbody>
              {flags.map((flag) => {
                const state = (env: string) => {
                  if (flag.status === "archived") return <span className="badge">Archived</span>;
                  const setting = flag.settings.find((s) => s.environment.key === env);
                  const running = setting?.running;
                  const experiments = flag.rules.filter((r) => r.environmentId === setting?.environmentId && r.status === "running" && r.type !== "targeted");
                  return (
                    <span className="row" style={{ gap: 4 }}>
                      {running ? <span className="badge badge-good">On</span> : <span className="badge">Off</span>}
                      {experiments.length > 0 && <span className="badge badge-info">{experiments.length} experiment{experiments.length > 1 ? "s" : ""} running</span>}
                    </span>
                  );
                };
                return (
                  <tr key={flag.id} className={flag.status === "archived" ? "muted" : undefined}>
                    <td>
                      <Link href={`/flags/${flag.id}`}>{flag.name || flag.key}</Link>
                      <div className="mono muted">{flag.key}</div>
                    </td>
                    <td className="mono">{flag.variations.map((v) => v.key).join(", ")}</td>
                    <td>{state("development")}</td>
                    <td>{state("production")}</td>
                    <td className="num">{flag.rules.length}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
