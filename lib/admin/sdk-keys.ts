import { createSdkKey, revokeSdkKey } from "@/lib/auth/sdk-keys";
import type { Database } from "@/lib/db";
import { findEnvironment } from "./environments";
import { ConflictError, NotFoundError } from "./errors";
import type { SdkKeyCreateInput } from "./sdk-key-schema";

export async function createProjectSdkKey(db: Database, projectId: string, input: SdkKeyCreateInput) {
  const environment = await findEnvironment(db.prisma, projectId, input.environment);
  return createSdkKey(db, environment.id, input.name);
}

/** Revoked keys stay listed (greyed out) so it is clear which key stopped working and when. */
export async function revokeProjectSdkKey(db: Database, projectId: string, keyId: string) {
  const key = await db.prisma.sdkKey.findFirst({ where: { id: keyId, projectId } });
  if (!key) throw new NotFoundError("SDK key not found");
  if (key.revokedAt) throw new ConflictError("This key is already revoked");
  return revokeSdkKey(db, keyId);
}
