import crypto from "node:crypto";
import type { Database } from "@/lib/db";
import { buildProjectConfig } from "./build";

export interface ConfigAddress {
  organizationId: string;
  projectId: string;
  environment: string;
}

/** A config as served: the JSON text and its strong ETag. */
export interface PublishedConfig {
  version: number;
  body: string;
  etag: string;
}

// Built configs by environment, valid for one version. SDKs poll often; with this a poll costs
// one indexed version lookup, and a rebuild happens only after a change bumped the version.
const KEY = Symbol.for("signakit.publishedConfigs");
type Cache = Map<string, { version: number; config: Promise<PublishedConfig | null> }>;
const cache: Cache = ((globalThis as { [KEY]?: Cache })[KEY] ??= new Map());

/** The current config of an environment, from the cache when its version is unchanged. Null when unknown. */
export async function getPublishedConfig(db: Database, address: ConfigAddress): Promise<PublishedConfig | null> {
  const [current] = await db.sql.query<{ id: string; version: number }>(
    `select e.id, e."configVersion" as version
       from "Environment" e join "Project" p on p.id = e."projectId"
      where p."organizationId" = $1 and p.id = $2 and e.key::text = $3`,
    [address.organizationId, address.projectId, address.environment],
  );
  if (!current) return null;
  const cached = cache.get(current.id);
  if (cached && cached.version === current.version) return cached.config;
  const config = publish(db, current.id);
  cache.set(current.id, { version: current.version, config });
  config.catch(() => cache.delete(current.id));
  return config;
}

async function publish(db: Database, environmentId: string): Promise<PublishedConfig | null> {
  const config = await buildProjectConfig(db, environmentId);
  if (!config) return null;
  const body = JSON.stringify(config);
  const hash = crypto.createHash("sha256").update(body).digest("base64url").slice(0, 22);
  return { version: config.version, body, etag: `"${config.version}-${hash}"` };
}
