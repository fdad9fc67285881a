import type { Prisma } from "@/lib/db/generated/client";

export type Tx = Prisma.TransactionClient;

/** Validated values typed with interfaces (e.g. lib/flags ranges) are JSON; Prisma's JSON input type cannot see that. */
export const asJson = (value: unknown) => value as Prisma.InputJsonValue;

/** A flag is part of every environment's config, so flag-level changes bump them all. */
export async function projectEnvironmentIds(tx: Tx, projectId: string): Promise<string[]> {
  const environments = await tx.environment.findMany({ where: { projectId }, select: { id: true } });
  return environments.map((environment) => environment.id);
}
