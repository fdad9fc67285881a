import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AllocationBar } from "@/components/admin/allocation-bar";
import { METRIC_KIND_LABELS, STATUS_BADGE, describeCondition, formatPercent } from "@/components/admin/labels";
import { RuleControls } from "@/components/admin/rule-controls";
import { percentagesFromRanges } from "@/lib/admin/allocation";
import { isExperimentType } from "@/lib/admin/rule-schema";
import { RULE_TYPE_LABELS, fromStoredRuleType } from "@/lib/admin/rule-types";
import { requireUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { getDatabase } from "@/lib/db";
import type { AllocationRange, AllowlistEntry, Audience } from "@/lib/flags";
import { getCurrentProject } from "@/lib/projects/current";
import { ruleAction } from "../../../actions";

export const metadata: Metadata = { title: "Rule" };

const formatDate = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "—");

export default async function RulePage({ params }: { params: Promise<{ flagId: string; ruleId: string }> }) {
  const user = await requireUser();
  const { flagId, ruleId } = await params;
  const project = await getCurrentProject();
  const { prisma } = await getDatabase();
  const rule = project
    ? await prisma.rule.findFirst({
        where: { id: ruleId, flagId, flag: { projectId: project.id } },
        include: {
          flag: { include: { variations: { orderBy: { position: "asc" } } } },
          environment: true,
          metrics: { include: { metric: true }, orderBy: { position: "asc" } },
        },
      })
    : null;
  if (!rule) notFound();
  const type = fromStoredRuleType(rule.type);
  const experiment = isExperimentType(type);
  const audiences = rule.audiences as unknown as Audience[];
  const allowlist = rule.allowlist as unknown as AllowlistEntry[];
  const status = rule.archivedAt ? "archived" : rule.status;
  const act = (action: string) => ruleAction.bind(null, flagId, rule.id, action);
  const roles = ["primary", "secondary", "guardrail"] as const;

  return (
    <>
      <div className="page-header">
        <div>
          <p className="subtitle"><Link href="/flags">Flags</Link> / <Link href={`/flags/${flagId}`}>{rule.flag.name || rule.flag.key}</Link> / {rule.environment.key} /</p>
          <h1>{rule.name || rule.key} <span className={STATUS_BADGE[status]}>{status}</span></h1>
          <p className="subtitle">{RULE_TYPE_LABELS[type]} · <span className="mono">{rule.key}</span></p>
        </div>
        <div className="row">
          {experiment && rule.startedAt && <Link className="btn" href={`/experiments/${rule.id}`}>View results</Link>}
          {isAdmin(user) && !rule.archivedAt && (
            <>
              <Link className="btn" href={`/flags/${flagId}/rules/${rule.id}/edit`}>Edit</Link>
              <RuleControls act={act} status={rule.status} experiment={experiment} />
            </>
          )}
        </div>
      </div>

      {experiment && (
        <div className="card">
          <h2>Hypothesis</h2>
          <p style={{ margin: 0 }}>{rule.hypothesis || <span className="muted">No hypothesis written.</span>}</p>
        </div>
      )}

      <div className="grid-2">
        <div className="card stack">
          <h2>Who is included</h2>
          <div><span className="label">Traffic:</span> {formatPercent(rule.trafficPercentage)} of matching users</div>
          <div>
            <span className="label">Audiences:</span>{" "}
            {audiences.length === 0 ? "everyone" : audiences.length > 1 ? `users matching ${rule.audienceMatchType} of` : ""}
            {audiences.map((audience, i) => (
              <div key={i} className="mono small" style={{ marginTop: 4 }}>
                {audience.conditions.map((c) => describeCondition(c.attribute, c.operator, c.value)).join(" and ")}
              </div>
            ))}
          </div>
          <div>
            <span className="label">Allowlist:</span> {allowlist.length === 0 ? "none" : ""}
            {allowlist.map((entry) => (
              <div key={entry.userId} className="mono small">{entry.userId} → {entry.variation}</div>
            ))}
          </div>
        </div>
        <div className="card stack">
          <h2>Variations</h2>
          <AllocationBar variations={rule.flag.variations.map((v) => v.key)} percentages={percentagesFromRanges(rule.allocation as unknown as AllocationRange[])} />
          <table className="table small">
            <tbody>
              <tr><th>Created</th><td>{formatDate(rule.createdAt)}</td></tr>
              <tr><th>Started</th><td>{formatDate(rule.startedAt)}</td></tr>
              <tr><th>Stopped</th><td>{formatDate(rule.stoppedAt)}</td></tr>
            </tbody>
          </table>
        </div>
      </div>

      {experiment && (
        <div className="card">
          <h2>Metrics</h2>
          {rule.metrics.length === 0 ? (
            <p className="muted">No metrics yet. An experiment needs a primary metric before it can start.</p>
          ) : (
            <table className="table">
              <thead><tr><th>Role</th><th>Metric</th><th>Kind</th><th>Event</th></tr></thead>
              <tbody>
                {roles.flatMap((role) =>
                  rule.metrics.filter((m) => m.role === role).map(({ metric }) => (
                    <tr key={metric.id}>
                      <td><span className={role === "primary" ? "badge badge-info" : "badge"}>{role}</span></td>
                      <td><Link href={`/metrics/${metric.id}`}>{metric.name}</Link></td>
                      <td>{METRIC_KIND_LABELS[metric.kind]}</td>
                      <td className="mono">{metric.eventKey}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
        </div>
      )}
    </>
  );
}
