import type { Prisma } from "@/lib/db/generated/client";

type Tx = Pick<Prisma.TransactionClient, "environment">;

/**
 * Every change that alters an environment's config JSON calls this in the same transaction, so the
 * version (and with it the ETag SDKs poll) moves exactly when the config does.
 */
export async function bumpConfigVersion(tx: Tx, environmentIds: string | string[]): Promise<void> {
  const ids = Array.isArray(environmentIds) ? environmentIds : [environmentIds];
  await tx.environment.updateMany({ where: { id: { in: ids } }, data: { configVersion: { increment: 1 } } });
}
