import crypto from "node:crypto";
import { createSdkKey } from "@/lib/auth/sdk-keys";
import type { Database } from "@/lib/db";
import { createProject } from "@/lib/setup/projects";

/** A project with both environments and an SDK key for each. */
export async function createIngestProject(db: Database, projectId: string, organizationId = "acme") {
  const project = await createProject(db, { organizationId, projectId, name: projectId });
  const development = project.environments.find((e) => e.key === "development")!;
  const production = project.environments.find((e) => e.key === "production")!;
  const developmentKey = (await createSdkKey(db, development.id)).key;
  const productionKey = (await createSdkKey(db, production.id)).key;
  return { project, development, production, developmentKey, productionKey };
}

export interface PostOptions {
  key?: string;
  headers?: Record<string, string>;
}

export async function postEvents(baseUrl: string, body: unknown, options: PostOptions = {}) {
  const headers: Record<string, string> = { "Content-Type": "application/json", ...options.headers };
  if (options.key) headers["X-SDK-Key"] = options.key;
  const response = await fetch(`${baseUrl}/v1/flag-events`, {
    method: "POST",
    headers,
    body: typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json: json as Record<string, unknown> & IngestAnswer, text };
}

export interface IngestAnswer {
  accepted: number;
  duplicates: number;
  dropped: number;
  rejected: { index: number; errors: string[] }[];
  error?: string;
}

export function makeEvent(overrides: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    eventKey: "purchase",
    userId: `user-${crypto.randomInt(1_000_000)}`,
    timestamp: new Date().toISOString(),
    value: 10,
    metadata: { plan: "pro" },
    ...overrides,
  };
}

export function exposure(userId: string, flagKey: string, variationKey: string, overrides: Record<string, unknown> = {}) {
  return makeEvent({ eventKey: "$exposure", userId, value: undefined, metadata: { flagKey, variationKey, ruleKey: "r1" }, ...overrides });
}
