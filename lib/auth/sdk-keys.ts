import crypto from "node:crypto";
import type { Database } from "@/lib/db";

export type EnvironmentKey = "development" | "production";

/** What an SDK key grants: reading one environment's config and sending its events. */
export interface SdkKeyScope {
  organizationId: string;
  projectId: string;
  environmentId: string;
  environmentKey: EnvironmentKey;
}

const PREFIX: Record<EnvironmentKey, string> = { development: "dev", production: "prod" };
const SDK_KEY_PATTERN = /^sk_(dev|prod)_([^_]+)_([^_]+)_([A-Za-z0-9]+)$/;
const CACHE_MS = 5_000;

/** `sk_{dev|prod}_{orgId}_{projectId}_{random}` with 128 bits of randomness. */
export function generateSdkKey(environment: EnvironmentKey, organizationId: string, projectId: string): string {
  return `sk_${PREFIX[environment]}_${organizationId}_${projectId}_${crypto.randomBytes(16).toString("hex")}`;
}

export function parseSdkKey(key: string) {
  const match = SDK_KEY_PATTERN.exec(key);
  if (!match) return null;
  return { environment: match[1] === "dev" ? "development" : "production", organizationId: match[2]!, projectId: match[3]! } as const;
}

// Ingest resolves the key on every request; a short cache turns that into a map lookup.
// Revocation is visible within CACHE_MS everywhere and at once in the process that revoked.
// Kept on globalThis: the custom server (lib/setup/start.ts) and Next.js's route bundles each load
// their own copy of this module, and a revocation must reach the cache ingest reads.
type KeyCache = Map<string, { scope: SdkKeyScope | null; expires: number }>;
const CACHE_KEY = Symbol.for("signakit.sdkKeyCache");
const cache: KeyCache = ((globalThis as { [CACHE_KEY]?: KeyCache })[CACHE_KEY] ??= new Map());

/** The scope of an active key, or null for unknown, malformed and revoked keys. One indexed lookup. */
export async function resolveSdkKey(db: Database, key: string): Promise<SdkKeyScope | null> {
  const now = Date.now();
  const cached = cache.get(key);
  if (cached && cached.expires > now) return cached.scope;
  let scope: SdkKeyScope | null = null;
  if (parseSdkKey(key)) {
    const rows = await db.sql.query<SdkKeyScope>(
      `select p."organizationId", k."projectId", k."environmentId", e.key as "environmentKey"
         from "SdkKey" k join "Environment" e on e.id = k."environmentId" join "Project" p on p.id = k."projectId"
        where k.key = $1 and k."revokedAt" is null`,
      [key],
    );
    scope = rows[0] ?? null;
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { scope, expires: now + CACHE_MS });
  return scope;
}

export async function createSdkKey(db: Database, environmentId: string, name = "", key?: string) {
  const environment = await db.prisma.environment.findUniqueOrThrow({
    where: { id: environmentId },
    include: { project: true },
  });
  return db.prisma.sdkKey.create({
    data: {
      key: key ?? generateSdkKey(environment.key, environment.project.organizationId, environment.projectId),
      name,
      projectId: environment.projectId,
      environmentId,
    },
  });
}

export async function revokeSdkKey(db: Database, id: string) {
  const revoked = await db.prisma.sdkKey.update({ where: { id }, data: { revokedAt: new Date() } });
  cache.delete(revoked.key);
  return revoked;
}
