import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FlagForm } from "@/components/admin/flag-form";
import { flagFormData } from "@/components/admin/form-data";
import { requireAdmin } from "@/lib/auth/current-user";
import { getDatabase } from "@/lib/db";
import { getCurrentProject } from "@/lib/projects/current";
import { updateFlagAction } from "../../actions";

export const metadata: Metadata = { title: "Edit flag" };

export default async function EditFlagPage({ params }: { params: Promise<{ flagId: string }> }) {
  await requireAdmin();
  const { flagId } = await params;
  const project = await getCurrentProject();
  const { prisma } = await getDatabase();
  const flag = project
    ? await prisma.flag.findFirst({ where: { id: flagId, projectId: project.id }, include: { variations: { orderBy: { position: "asc" } } } })
    : null;
  if (!flag) notFound();
  return (
    <>
      <div className="page-header">
        <div>
          <p className="subtitle"><Link href="/flags">Flags</Link> / <Link href={`/flags/${flag.id}`}>{flag.name || flag.key}</Link> /</p>
          <h1>Edit flag</h1>
          <p className="subtitle">Changes reach SDKs with the next config poll in every environment.</p>
        </div>
      </div>
      <FlagForm action={updateFlagAction.bind(null, flag.id)} initial={flagFormData(flag)} submitLabel="Save flag" />
    </>
  );
}
