import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ruleFormData } from "@/components/admin/form-data";
import { loadFlagForRules } from "@/components/admin/rule-page-data";
import { RuleForm } from "@/components/admin/rule-form";
import { requireAdmin } from "@/lib/auth/current-user";
import { getDatabase } from "@/lib/db";
import { updateRuleAction } from "../../../../actions";

export const metadata: Metadata = { title: "Edit rule" };

export default async function EditRulePage({ params }: { params: Promise<{ flagId: string; ruleId: string }> }) {
  await requireAdmin();
  const { flagId, ruleId } = await params;
  const data = await loadFlagForRules(flagId);
  const { prisma } = await getDatabase();
  const rule = data
    ? await prisma.rule.findFirst({ where: { id: ruleId, flagId, archivedAt: null }, include: { metrics: { include: { metric: true } }, environment: true } })
    : null;
  if (!data || !rule) notFound();
  // Archived metrics already attached stay selectable so saving does not drop them.
  const attached = rule.metrics.map((m) => m.metric).filter((m) => m.archivedAt);
  const metrics = [...data.metrics, ...attached.map((m) => ({ id: m.id, name: `${m.name} (archived)`, kind: m.kind }))];
  return (
    <>
      <div className="page-header">
        <div>
          <p className="subtitle">
            <Link href="/flags">Flags</Link> / <Link href={`/flags/${flagId}`}>{data.flag.name || data.flag.key}</Link> /{" "}
            <Link href={`/flags/${flagId}/rules/${rule.id}`}>{rule.name || rule.key}</Link> /
          </p>
          <h1>Edit rule in {rule.environment.key}</h1>
          {rule.status === "running" && <p className="subtitle">This rule is running: changes reach users with the next config poll.</p>}
        </div>
      </div>
      <RuleForm
        action={updateRuleAction.bind(null, flagId, rule.id)}
        initial={ruleFormData(rule)}
        variations={data.variations}
        metrics={metrics}
        locked={rule.status !== "draft"}
        submitLabel="Save rule"
      />
    </>
  );
}
