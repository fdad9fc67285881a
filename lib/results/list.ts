// The experiments a project has: its ab-test and bandit rules, and flags seen only in exposures.
import type { Database } from "@/lib/db";
import type { DiscoveredExperiment, ExperimentSummary } from "./model";

/** Experiment rules (newest first), optionally of one project; archived ones are left out. */
export async function listExperiments(db: Database, options: { projectId?: string } = {}): Promise<ExperimentSummary[]> {
  const rules = await db.prisma.rule.findMany({
    where: {
      type: { in: ["ab_test", "multi_armed_bandit"] },
      archivedAt: null,
      ...(options.projectId ? { flag: { projectId: options.projectId } } : {}),
    },
    include: { flag: true, environment: true },
    orderBy: { createdAt: "desc" },
  });
  return rules.map((rule) => ({
    id: rule.id,
    name: rule.name || rule.key,
    key: rule.key,
    type: rule.type === "ab_test" ? "ab-test" : "multi-armed-bandit",
    status: rule.status,
    flagKey: rule.flag.key,
    projectId: rule.flag.projectId,
    environmentId: rule.environmentId,
    environment: rule.environment.key,
    startedAt: rule.startedAt?.toISOString() ?? null,
  }));
}

/** A row as the driver returns it: the times are Dates. */
type DiscoveredRow = Omit<DiscoveredExperiment, "firstSeenAt" | "lastSeenAt"> & { firstSeenAt: Date; lastSeenAt: Date };

/** Flag keys with assignments in an environment where no experiment rule of a flag with that key exists. */
export async function discoverExperiments(db: Database, options: { projectId?: string } = {}): Promise<DiscoveredExperiment[]> {
  const rows = await db.sql.query<DiscoveredRow>(
    `select env."projectId" as "projectId", a."environmentId" as "environmentId", env.key::text as environment, a."flagKey" as "flagKey",
            count(distinct a."userId")::int as users, array_agg(distinct a."variationKey") as variations,
            min(a."firstSeenAt") as "firstSeenAt", max(a."lastSeenAt") as "lastSeenAt"
     from "Assignment" a
     join "Environment" env on env.id = a."environmentId"
     where ($1::text is null or env."projectId" = $1::text)
       and not exists (
         select 1 from "Rule" r join "Flag" f on f.id = r."flagId"
         where r."environmentId" = a."environmentId" and f.key = a."flagKey" and r.type in ('ab-test', 'multi-armed-bandit')
       )
     group by env."projectId", a."environmentId", env.key, a."flagKey"
     order by max(a."lastSeenAt") desc`,
    [options.projectId ?? null],
  );
  return rows.map((r) => ({ ...r, firstSeenAt: new Date(r.firstSeenAt).toISOString(), lastSeenAt: new Date(r.lastSeenAt).toISOString() }));
}
