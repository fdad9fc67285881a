import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { loadFlagForRules } from "@/components/admin/rule-page-data";
import { RuleForm } from "@/components/admin/rule-form";
import { ENVIRONMENT_KEYS, type EnvironmentKey } from "@/lib/admin/environments";
import { requireAdmin } from "@/lib/auth/current-user";
import { createRuleAction } from "../../../actions";

export const metadata: Metadata = { title: "New rule" };

export default async function NewRulePage(props: { params: Promise<{ flagId: string }>; searchParams: Promise<{ environment?: string }> }) {
  await requireAdmin();
  const { flagId } = await props.params;
  const { environment } = await props.searchParams;
  const data = await loadFlagForRules(flagId);
  if (!data || !ENVIRONMENT_KEYS.includes(environment as EnvironmentKey)) notFound();
  const { flag } = data;
  return (
    <>
      <div className="page-header">
        <div>
          <p className="subtitle"><Link href="/flags">Flags</Link> / <Link href={`/flags/${flag.id}`}>{flag.name || flag.key}</Link> /</p>
          <h1>New rule in {environment}</h1>
          <p className="subtitle">Rules start as drafts: nothing changes for users until you start them.</p>
        </div>
      </div>
      <RuleForm
        action={createRuleAction.bind(null, flag.id)}
        environment={environment}
        variations={data.variations}
        metrics={data.metrics}
        locked={false}
        submitLabel="Create draft"
      />
    </>
  );
}
