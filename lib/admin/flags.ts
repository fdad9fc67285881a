import crypto from "node:crypto";
import type { AllocationRange, AllowlistEntry } from "@/lib/flags";
import type { Database } from "@/lib/db";
import { bumpConfigVersion } from "@/lib/projects/config-version";
import { allocationFor } from "./allocation";
import { findEnvironment, type EnvironmentKey } from "./environments";
import { InvalidInputError, NotFoundError } from "./errors";
import type { FlagCreateInput, FlagEnvironmentInput, FlagUpdateInput } from "./flag-schema";
import { asJson, projectEnvironmentIds, type Tx } from "./persistence";

export async function findFlag(tx: Tx, projectId: string, flagId: string) {
  const flag = await tx.flag.findFirst({
    where: { id: flagId, projectId },
    include: { variations: { orderBy: { position: "asc" } } },
  });
  if (!flag) throw new NotFoundError("Flag not found");
  return flag;
}

/** The bucketing salt: random so that two flags never split users the same way. */
const newSalt = () => crypto.randomBytes(8).toString("hex");

export async function createFlag(db: Database, projectId: string, input: FlagCreateInput) {
  return db.prisma.$transaction(async (tx) => {
    if (await tx.flag.findUnique({ where: { projectId_key: { projectId, key: input.key } } })) {
      throw InvalidInputError.field("key", "Another flag has this key");
    }
    const environmentIds = await projectEnvironmentIds(tx, projectId);
    // Until someone sets an allocation, everyone who reaches the default gets the control.
    const control = input.variations[0]!.key;
    const allocation = allocationFor(input.variations.map((v) => v.key), { [control]: 1 });
    const flag = await tx.flag.create({
      data: {
        projectId,
        key: input.key,
        name: input.name,
        description: input.description,
        salt: newSalt(),
        variables: asJson(input.variables),
        variations: {
          create: input.variations.map((v, position) => ({ key: v.key, name: v.name, position, variables: asJson(v.variables) })),
        },
        settings: { create: environmentIds.map((environmentId) => ({ environmentId, allocation: asJson(allocation) })) },
      },
    });
    await bumpConfigVersion(tx, environmentIds);
    return flag;
  });
}

/** Where a variation is still served: removing it there first keeps configs consistent. */
async function variationUses(tx: Tx, flagId: string, key: string): Promise<string[]> {
  const uses: string[] = [];
  const settings = await tx.flagEnvironment.findMany({ where: { flagId }, include: { environment: true } });
  for (const setting of settings) {
    if ((setting.allocation as unknown as AllocationRange[]).some((r) => r.variation === key)) {
      uses.push(`the ${setting.environment.key} default allocation`);
    }
  }
  const rules = await tx.rule.findMany({ where: { flagId, archivedAt: null } });
  for (const rule of rules) {
    const weights = rule.weights as Record<string, number>;
    const allowlist = rule.allowlist as unknown as AllowlistEntry[];
    if ((weights[key] ?? 0) > 0 || allowlist.some((entry) => entry.variation === key)) uses.push(`rule "${rule.name || rule.key}"`);
  }
  return uses;
}

/**
 * Variations are matched by key: kept ones are updated in place, new ones added, missing ones removed
 * (only when nothing serves them). Existing allocations are left alone so reordering never re-buckets users.
 */
export async function updateFlag(db: Database, projectId: string, flagId: string, input: FlagUpdateInput) {
  return db.prisma.$transaction(async (tx) => {
    const flag = await findFlag(tx, projectId, flagId);
    const keep = new Set(input.variations.map((v) => v.key));
    const removed = flag.variations.filter((v) => !keep.has(v.key));
    for (const variation of removed) {
      const uses = await variationUses(tx, flagId, variation.key);
      if (uses.length > 0) {
        throw InvalidInputError.field("variations", `Variation "${variation.key}" is still served by ${uses.join(", ")}; give it no share there first`);
      }
    }
    await tx.variation.deleteMany({ where: { flagId, key: { in: removed.map((v) => v.key) } } });
    for (const [position, variation] of input.variations.entries()) {
      const data = { name: variation.name, position, variables: asJson(variation.variables) };
      await tx.variation.upsert({
        where: { flagId_key: { flagId, key: variation.key } },
        update: data,
        create: { flagId, key: variation.key, ...data },
      });
    }
    if (removed.length > 0) await dropRuleWeights(tx, flagId, new Set(removed.map((v) => v.key)));
    const updated = await tx.flag.update({
      where: { id: flagId },
      data: { name: input.name, description: input.description, variables: asJson(input.variables) },
    });
    await bumpConfigVersion(tx, await projectEnvironmentIds(tx, projectId));
    return updated;
  });
}

/** Zero weights of removed variations would otherwise linger in rules (and in SRM checks). */
async function dropRuleWeights(tx: Tx, flagId: string, removed: Set<string>) {
  const rules = await tx.rule.findMany({ where: { flagId } });
  for (const rule of rules) {
    const weights = Object.entries(rule.weights as Record<string, number>);
    if (!weights.some(([key]) => removed.has(key))) continue;
    const kept = Object.fromEntries(weights.filter(([key]) => !removed.has(key)));
    await tx.rule.update({ where: { id: rule.id }, data: { weights: kept } });
  }
}

/** Archived flags stay in the config (status "archived") so SDKs stop deciding for them. */
export async function setFlagArchived(db: Database, projectId: string, flagId: string, archived: boolean) {
  return db.prisma.$transaction(async (tx) => {
    await findFlag(tx, projectId, flagId);
    const flag = await tx.flag.update({ where: { id: flagId }, data: { status: archived ? "archived" : "active" } });
    await bumpConfigVersion(tx, await projectEnvironmentIds(tx, projectId));
    return flag;
  });
}

export async function setFlagEnvironment(
  db: Database,
  projectId: string,
  flagId: string,
  environmentKey: EnvironmentKey,
  input: FlagEnvironmentInput,
) {
  return db.prisma.$transaction(async (tx) => {
    const flag = await findFlag(tx, projectId, flagId);
    const environment = await findEnvironment(tx, projectId, environmentKey);
    const allocation = asJson(allocationFor(flag.variations.map((v) => v.key), input.weights));
    const setting = await tx.flagEnvironment.upsert({
      where: { flagId_environmentId: { flagId, environmentId: environment.id } },
      update: { running: input.running, allocation },
      create: { flagId, environmentId: environment.id, running: input.running, allocation },
    });
    await bumpConfigVersion(tx, environment.id);
    return setting;
  });
}

/** The on/off switch alone, keeping the allocation. */
export async function setFlagRunning(db: Database, projectId: string, flagId: string, environmentKey: EnvironmentKey, running: boolean) {
  return db.prisma.$transaction(async (tx) => {
    await findFlag(tx, projectId, flagId);
    const environment = await findEnvironment(tx, projectId, environmentKey);
    const setting = await tx.flagEnvironment.update({
      where: { flagId_environmentId: { flagId, environmentId: environment.id } },
      data: { running },
    });
    await bumpConfigVersion(tx, environment.id);
    return setting;
  });
}
