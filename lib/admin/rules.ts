import type { Database } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { bumpConfigVersion } from "@/lib/projects/config-version";
import { allocationFor } from "./allocation";
import { findEnvironment } from "./environments";
import { ConflictError, InvalidInputError, NotFoundError } from "./errors";
import { findFlag } from "./flags";
import { asJson, type Tx } from "./persistence";
import { isExperimentType, type RuleAction, type RuleCreateInput, type RuleUpdateInput } from "./rule-schema";
import { fromStoredRuleType, toStoredRuleType } from "./rule-types";

export interface RuleRef {
  flagId: string;
  ruleId: string;
}

async function findRule(tx: Tx, projectId: string, ref: RuleRef) {
  const rule = await tx.rule.findFirst({ where: { id: ref.ruleId, flagId: ref.flagId, flag: { projectId } } });
  if (!rule) throw new NotFoundError("Rule not found");
  return rule;
}

type RuleInput = RuleCreateInput | RuleUpdateInput;
type MetricRole = "primary" | "secondary" | "guardrail";

/** The metric rows to store, after checking the metrics exist in the project and suit the rule. */
async function ruleMetrics(tx: Tx, projectId: string, input: RuleInput, alreadyAttached: Set<string>) {
  if (!isExperimentType(input.type)) return [];
  const chosen: Array<{ metricId: string; role: MetricRole; position: number }> = [
    ...(input.metrics.primary ? [{ metricId: input.metrics.primary, role: "primary" as const, position: 0 }] : []),
    ...input.metrics.secondary.map((metricId, position) => ({ metricId, role: "secondary" as const, position })),
    ...input.metrics.guardrail.map((metricId, position) => ({ metricId, role: "guardrail" as const, position })),
  ];
  const metrics = await tx.metric.findMany({ where: { projectId, id: { in: chosen.map((m) => m.metricId) } } });
  const byId = new Map(metrics.map((m) => [m.id, m]));
  for (const { metricId, role } of chosen) {
    const metric = byId.get(metricId);
    // Archived metrics may stay where they are, but are not added anew.
    if (!metric || (metric.archivedAt && !alreadyAttached.has(metricId))) {
      throw InvalidInputError.field(`metrics.${role}`, "Pick an existing, active metric");
    }
    if (role === "primary" && input.type === "multi-armed-bandit" && metric.kind !== "conversion") {
      throw InvalidInputError.field("metrics.primary", "A bandit optimises a conversion rate: pick a conversion metric");
    }
  }
  return chosen;
}

/** Columns shared by create and update; validates variation keys against the flag. */
function ruleColumns(input: RuleInput, variationKeys: string[]) {
  input.allowlist.forEach((entry, index) => {
    if (!variationKeys.includes(entry.variation)) {
      throw InvalidInputError.field(`allowlist.${index}.variation`, "This flag has no such variation");
    }
  });
  const allocation = allocationFor(variationKeys, input.weights);
  return {
    key: input.key,
    name: input.name,
    type: toStoredRuleType(input.type),
    hypothesis: input.hypothesis,
    trafficPercentage: input.trafficPercentage,
    audienceMatchType: input.audienceMatchType,
    audiences: asJson(input.audiences),
    allowlist: asJson(input.allowlist),
    weights: asJson(Object.fromEntries(variationKeys.map((key) => [key, input.weights[key] ?? 0]))),
    allocation: asJson(allocation),
  } satisfies Prisma.RuleUncheckedUpdateInput;
}

async function assertKeyFree(tx: Tx, flagId: string, environmentId: string, key: string) {
  if (await tx.rule.findUnique({ where: { flagId_environmentId_key: { flagId, environmentId, key } } })) {
    throw InvalidInputError.field("key", "Another rule of this flag in this environment has this key");
  }
}

export async function createRule(db: Database, projectId: string, flagId: string, input: RuleCreateInput) {
  return db.prisma.$transaction(async (tx) => {
    const flag = await findFlag(tx, projectId, flagId);
    const environment = await findEnvironment(tx, projectId, input.environment);
    await assertKeyFree(tx, flagId, environment.id, input.key);
    const columns = ruleColumns(input, flag.variations.map((v) => v.key));
    const metrics = await ruleMetrics(tx, projectId, input, new Set());
    // New rules go last: rules are evaluated in order and the first match wins.
    const last = await tx.rule.aggregate({ where: { flagId, environmentId: environment.id }, _max: { position: true } });
    const rule = await tx.rule.create({
      data: {
        ...columns,
        flagId,
        environmentId: environment.id,
        position: (last._max.position ?? -1) + 1,
        metrics: { create: metrics },
      },
    });
    await bumpConfigVersion(tx, environment.id);
    return rule;
  });
}

export async function updateRule(db: Database, projectId: string, ref: RuleRef, input: RuleUpdateInput) {
  return db.prisma.$transaction(async (tx) => {
    const rule = await findRule(tx, projectId, ref);
    if (rule.archivedAt) throw new ConflictError("Archived rules cannot be changed");
    const started = rule.status !== "draft";
    // Exposures and results refer to the key and the kind of analysis; both are fixed once users see the rule.
    if (started && input.key !== rule.key) throw InvalidInputError.field("key", "The key cannot change once the rule has started");
    if (started && toStoredRuleType(input.type) !== rule.type) {
      throw InvalidInputError.field("type", "The type cannot change once the rule has started");
    }
    if (input.key !== rule.key) await assertKeyFree(tx, rule.flagId, rule.environmentId, input.key);
    const flag = await findFlag(tx, projectId, rule.flagId);
    const columns = ruleColumns(input, flag.variations.map((v) => v.key));
    const attached = await tx.ruleMetric.findMany({ where: { ruleId: rule.id } });
    const metrics = await ruleMetrics(tx, projectId, input, new Set(attached.map((m) => m.metricId)));
    await tx.ruleMetric.deleteMany({ where: { ruleId: rule.id } });
    const updated = await tx.rule.update({ where: { id: rule.id }, data: { ...columns, metrics: { create: metrics } } });
    await bumpConfigVersion(tx, rule.environmentId);
    return updated;
  });
}

type StoredRule = Awaited<ReturnType<typeof findRule>>;

async function start(tx: Tx, rule: StoredRule) {
  const experiment = isExperimentType(fromStoredRuleType(rule.type));
  // Restarting would mix two periods in one analysis; a stopped experiment is final.
  if (rule.status === "running") throw new ConflictError("The rule is already running");
  if (rule.status === "stopped" && experiment) throw new ConflictError("A stopped experiment cannot restart; create a new rule instead");
  if (experiment && !(await tx.ruleMetric.count({ where: { ruleId: rule.id, role: "primary" } }))) {
    throw new ConflictError("Pick a primary metric before starting the experiment");
  }
  return { status: "running" as const, startedAt: rule.startedAt ?? new Date(), stoppedAt: null };
}

function stop(rule: StoredRule) {
  if (rule.status !== "running") throw new ConflictError("Only a running rule can be stopped");
  return { status: "stopped" as const, stoppedAt: new Date() };
}

/** Archiving also stops a running rule, so it leaves the config and its results freeze. */
function archive(rule: StoredRule) {
  const now = new Date();
  return rule.status === "running" ? { archivedAt: now, status: "stopped" as const, stoppedAt: now } : { archivedAt: now };
}

/** Swaps the rule with its neighbour among the environment's active rules (the order of evaluation). */
async function move(tx: Tx, rule: StoredRule, step: -1 | 1) {
  const siblings = await tx.rule.findMany({
    where: { flagId: rule.flagId, environmentId: rule.environmentId, archivedAt: null },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  const index = siblings.findIndex((s) => s.id === rule.id);
  const target = index + step;
  if (target < 0 || target >= siblings.length) return;
  [siblings[index], siblings[target]] = [siblings[target]!, siblings[index]!];
  for (const [position, sibling] of siblings.entries()) {
    if (sibling.position !== position) await tx.rule.update({ where: { id: sibling.id }, data: { position } });
  }
}

export async function applyRuleAction(db: Database, projectId: string, ref: RuleRef, action: RuleAction) {
  return db.prisma.$transaction(async (tx) => {
    const rule = await findRule(tx, projectId, ref);
    if (rule.archivedAt) throw new ConflictError("The rule is archived");
    switch (action) {
      case "start":
        await tx.rule.update({ where: { id: rule.id }, data: await start(tx, rule) });
        break;
      case "stop":
        await tx.rule.update({ where: { id: rule.id }, data: stop(rule) });
        break;
      case "archive":
        await tx.rule.update({ where: { id: rule.id }, data: archive(rule) });
        break;
      case "move-up":
      case "move-down":
        await move(tx, rule, action === "move-up" ? -1 : 1);
        break;
    }
    await bumpConfigVersion(tx, rule.environmentId);
    return tx.rule.findUniqueOrThrow({ where: { id: rule.id } });
  });
}
