import type { Metadata } from "next";
import Link from "next/link";
import { FlagForm } from "@/components/admin/flag-form";
import { NoProject } from "@/components/admin/no-project";
import { requireAdmin } from "@/lib/auth/current-user";
import { getCurrentProject } from "@/lib/projects/current";
import { createFlagAction } from "../actions";

export const metadata: Metadata = { title: "New flag" };

export default async function NewFlagPage() {
  await requireAdmin();
  if (!(await getCurrentProject())) return <NoProject />;
  return (
    <>
      <div className="page-header">
        <div>
          <p className="subtitle"><Link href="/flags">Flags</Link> /</p>
          <h1>New flag</h1>
          <p className="subtitle">It starts switched off in both environments; turn it on or add rules afterwards.</p>
        </div>
      </div>
      <FlagForm action={createFlagAction} submitLabel="Create flag" />
    </>
  );
}
