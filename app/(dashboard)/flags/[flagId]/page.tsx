import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { AllocationBar } from "@/components/admin/allocation-bar";
import { AllocationForm } from "@/components/admin/allocation-form";
import { STATUS_BADGE, formatPercent } from "@/components/admin/labels";
import { RuleControls } from "@/components/admin/rule-controls";
import { percentagesFromRanges } from "@/lib/admin/allocation";
import { RULE_TYPE_LABELS, fromStoredRuleType } from "@/lib/admin/rule-types";
import { isExperimentType } from "@/lib/admin/rule-schema";
import { variableValueToText } from "@/lib/admin/variable-values";
import { requireUser } from "@/lib/auth/current-user";
import { isAdmin } from "@/lib/auth/roles";
import { getDatabase } from "@/lib/db";
import type { AllocationRange, Audience, AllowlistEntry, FlagVariable } from "@/lib/flags";
import { getCurrentProject } from "@/lib/projects/current";
import { ruleAction, setFlagAllocationAction, setFlagArchivedAction, setFlagRunningAction } from "../actions";

export const metadata: Metadata = { title: "Flag" };

export default async function FlagPage({ params }: { params: Promise<{ flagId: string }> }) {
  const user = await requireUser();
  const admin = isAdmin(user);
  const { flagId } = await params;
  const project = await getCurrentProject();
  const { prisma } = await getDatabase();
  const flag = project
    ? await prisma.flag.findFirst({
        where: { id: flagId, projectId: project.id },
        include: {
          variations: { orderBy: { position: "asc" } },
          settings: true,
          rules: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
        },
      })
    : null;
  if (!project || !flag) notFound();
  const variables = flag.variables as unknown as FlagVariable[];
  const variationKeys = flag.variations.map((v) => v.key);
  const archived = flag.status === "archived";

  return (
    <>
      <div className="page-header">
        <div>
          <p className="subtitle"><Link href="/flags">Flags</Link> /</p>
          <h1>{flag.name || flag.key} {archived && <span className="badge">Archived</span>}</h1>
          <p className="subtitle"><span className="mono">{flag.key}</span>{flag.description && ` — ${flag.description}`}</p>
        </div>
        {admin && (
          <div className="row">
            <Link className="btn" href={`/flags/${flag.id}/edit`}>Edit variations</Link>
            {archived ? (
              <ActionButton action={setFlagArchivedAction.bind(null, flag.id, false)} label="Restore" />
            ) : (
              <ActionButton action={setFlagArchivedAction.bind(null, flag.id, true)} label="Archive" variant="danger" confirm="Archive this flag? SDKs stop returning a decision for it in every environment." />
            )}
          </div>
        )}
      </div>

      <div className="card">
        <h2>Variations</h2>
        <table className="table">
          <thead>
            <tr>
              <th>Key</th><th>Name</th>
              {variables.map((v) => <th key={v.key}><span className="mono">{v.key}</span> <span className="hint">{v.type}</span></th>)}
            </tr>
          </thead>
          <tbody>
            {flag.variations.map((variation, index) => {
              const overrides = variation.variables as Record<string, unknown>;
              return (
                <tr key={variation.id}>
                  <td className="mono">{variation.key} {index === 0 && <span className="badge">control</span>}</td>
                  <td>{variation.name}</td>
                  {variables.map((v) => (
                    <td key={v.key} className="mono">
                      {v.key in overrides ? variableValueToText(v.type, overrides[v.key]) : <span className="muted">{variableValueToText(v.type, v.defaultValue)} (default)</span>}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {project.environments.map((environment) => {
        const setting = flag.settings.find((s) => s.environmentId === environment.id);
        const running = setting?.running ?? false;
        const percentages = percentagesFromRanges((setting?.allocation ?? []) as unknown as AllocationRange[]);
        const rules = flag.rules.filter((r) => r.environmentId === environment.id);
        const active = rules.filter((r) => !r.archivedAt);
        const archivedRules = rules.filter((r) => r.archivedAt);
        return (
          <section key={environment.id} className="card stack" aria-labelledby={`env-${environment.key}`}>
            <div className="row" style={{ justifyContent: "space-between" }}>
              <div className="row">
                <h2 id={`env-${environment.key}`} style={{ margin: 0, textTransform: "capitalize" }}>{environment.key}</h2>
                {running ? <span className="badge badge-good">On</span> : <span className="badge">Off — everyone gets “off”</span>}
              </div>
              {admin && !archived && (
                <ActionButton
                  action={setFlagRunningAction.bind(null, flag.id, environment.key, !running)}
                  label={running ? "Turn off" : "Turn on"}
                  variant={running ? undefined : "primary"}
                  confirm={`Turn ${flag.key} ${running ? "off" : "on"} in ${environment.key}?`}
                />
              )}
            </div>

            <div className="stack" style={{ gap: 6 }}>
              <h3 style={{ margin: 0 }}>Rules <span className="hint">(evaluated top to bottom; the first match decides)</span></h3>
              {active.length === 0 ? (
                <p className="muted" style={{ margin: 0 }}>No rules: everyone gets the default allocation below.</p>
              ) : (
                <table className="table">
                  <thead><tr><th>#</th><th>Rule</th><th>Type</th><th>Status</th><th className="num">Traffic</th><th>Who</th>{admin && <th />}</tr></thead>
                  <tbody>
                    {active.map((rule, index) => {
                      const type = fromStoredRuleType(rule.type);
                      const audiences = (rule.audiences as unknown as Audience[]).length;
                      const allowlist = (rule.allowlist as unknown as AllowlistEntry[]).length;
                      const act = (action: string) => ruleAction.bind(null, flag.id, rule.id, action);
                      return (
                        <tr key={rule.id}>
                          <td className="muted">{index + 1}</td>
                          <td>
                            <Link href={`/flags/${flag.id}/rules/${rule.id}`}>{rule.name || rule.key}</Link>
                            <div className="mono muted">{rule.key}</div>
                          </td>
                          <td>{RULE_TYPE_LABELS[type]}</td>
                          <td>
                            <span className={STATUS_BADGE[rule.status]}>{rule.status}</span>
                            {isExperimentType(type) && rule.startedAt && (
                              <div className="small"><Link href={`/experiments/${rule.id}`}>View results</Link></div>
                            )}
                          </td>
                          <td className="num">{formatPercent(rule.trafficPercentage)}</td>
                          <td className="small">
                            {audiences === 0 ? "Everyone" : `${audiences} audience${audiences > 1 ? "s" : ""}`}
                            {allowlist > 0 && ` · ${allowlist} allowlisted`}
                          </td>
                          {admin && (
                            <td>
                              <span className="row" style={{ gap: 6, justifyContent: "flex-end" }}>
                                <RuleControls act={act} status={rule.status} experiment={isExperimentType(type)} compact />
                                {index > 0 && <ActionButton action={act("move-up")} label="↑" />}
                                {index < active.length - 1 && <ActionButton action={act("move-down")} label="↓" />}
                              </span>
                            </td>
                          )}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
              {admin && !archived && (
                <div>
                  <Link className="btn" href={`/flags/${flag.id}/rules/new?environment=${environment.key}`}>+ Add rule or experiment</Link>
                </div>
              )}
              {archivedRules.length > 0 && (
                <details>
                  <summary className="hint">{archivedRules.length} archived rule{archivedRules.length > 1 ? "s" : ""}</summary>
                  <ul>
                    {archivedRules.map((rule) => (
                      <li key={rule.id}><Link href={`/flags/${flag.id}/rules/${rule.id}`}>{rule.name || rule.key}</Link> <span className="hint">{RULE_TYPE_LABELS[fromStoredRuleType(rule.type)]}</span></li>
                    ))}
                  </ul>
                </details>
              )}
            </div>

            <div className="stack" style={{ gap: 6 }}>
              <h3 style={{ margin: 0 }}>Default allocation <span className="hint">(users no rule catches)</span></h3>
              <AllocationBar variations={variationKeys} percentages={percentages} />
              {admin && !archived && (
                <details>
                  <summary className="hint" style={{ cursor: "pointer" }}>Change allocation</summary>
                  <div style={{ paddingTop: 10 }}>
                    <AllocationForm action={setFlagAllocationAction.bind(null, flag.id, environment.key)} running={running} variations={variationKeys} percentages={percentages} />
                  </div>
                </details>
              )}
            </div>
          </section>
        );
      })}
    </>
  );
}
