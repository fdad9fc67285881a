import type { Database } from "@/lib/db";
import { bumpConfigVersion } from "@/lib/projects/config-version";
import { ConflictError, InvalidInputError, NotFoundError } from "./errors";
import type { MetricInput } from "./metric-schema";
import { asJson, type Tx } from "./persistence";

async function findMetric(tx: Tx, projectId: string, metricId: string) {
  const metric = await tx.metric.findFirst({ where: { id: metricId, projectId } });
  if (!metric) throw new NotFoundError("Metric not found");
  return metric;
}

async function assertNameFree(tx: Tx, projectId: string, name: string, exceptId?: string) {
  const other = await tx.metric.findFirst({ where: { projectId, name, id: exceptId ? { not: exceptId } : undefined } });
  if (other) throw InvalidInputError.field("name", "Another metric has this name");
}

/** Experiments publish their metrics' event keys in the config, so editing a metric can change configs. */
async function bumpEnvironmentsUsing(tx: Tx, metricId: string) {
  const rules = await tx.rule.findMany({
    where: { archivedAt: null, metrics: { some: { metricId } } },
    select: { environmentId: true },
    distinct: ["environmentId"],
  });
  if (rules.length > 0) await bumpConfigVersion(tx, rules.map((rule) => rule.environmentId));
}

const columns = (input: MetricInput) => ({
  name: input.name,
  description: input.description,
  eventKey: input.eventKey,
  kind: input.kind,
  filters: asJson(input.filters),
  windowHours: input.windowHours ?? null,
  direction: input.direction,
  winsorizePercentile: input.winsorizePercentile ?? null,
});

export async function createMetric(db: Database, projectId: string, input: MetricInput) {
  return db.prisma.$transaction(async (tx) => {
    await assertNameFree(tx, projectId, input.name);
    return tx.metric.create({ data: { projectId, ...columns(input) } });
  });
}

export async function updateMetric(db: Database, projectId: string, metricId: string, input: MetricInput) {
  return db.prisma.$transaction(async (tx) => {
    await findMetric(tx, projectId, metricId);
    await assertNameFree(tx, projectId, input.name, metricId);
    const metric = await tx.metric.update({ where: { id: metricId }, data: columns(input) });
    await bumpEnvironmentsUsing(tx, metricId);
    return metric;
  });
}

/** Archived metrics keep their history and experiments; they are just no longer offered for new ones. */
export async function setMetricArchived(db: Database, projectId: string, metricId: string, archived: boolean) {
  return db.prisma.$transaction(async (tx) => {
    await findMetric(tx, projectId, metricId);
    const metric = await tx.metric.update({ where: { id: metricId }, data: { archivedAt: archived ? new Date() : null } });
    await bumpEnvironmentsUsing(tx, metricId);
    return metric;
  });
}

/** Only unused metrics can be deleted: experiments' results refer to the ones they used. */
export async function deleteMetric(db: Database, projectId: string, metricId: string) {
  await db.prisma.$transaction(async (tx) => {
    await findMetric(tx, projectId, metricId);
    const uses = await tx.ruleMetric.count({ where: { metricId } });
    if (uses > 0) throw new ConflictError(`This metric is used by ${uses} experiment${uses === 1 ? "" : "s"}; archive it instead`);
    await tx.metric.delete({ where: { id: metricId } });
  });
}
