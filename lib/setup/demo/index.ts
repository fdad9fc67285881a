// The first-run demo: a shop with a winning, a flat, a bandit and a planned experiment, and two
// weeks of traffic sent through the real ingest endpoint.
import { resolveSdkKey } from "@/lib/auth/sdk-keys";
import type { Database } from "@/lib/db";
import { DEFAULT_SETTINGS, getExperimentResults } from "@/lib/results";
import { CHECKOUT, DEMO_DAYS, HERO } from "./definitions";
import { createDemoRecords } from "./records";
import { sendEvents } from "./send";
import { simulateDemoTraffic } from "./traffic";

export interface SeedDemoOptions {
  /** Where the server listens, e.g. http://localhost:3000. */
  baseUrl: string;
  /** The demo project's development SDK key. */
  sdkKey: string;
  /** Simulated users (default 4500: a few thousand per experiment). */
  users?: number;
  now?: Date;
}

export interface SeedDemoReport {
  seeded: boolean;
  events: number;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Fills the SDK key's environment with the demo experiments and their traffic. Does nothing when
 * the demo flags already exist, so calling it on every start is safe.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions): Promise<SeedDemoReport> {
  const scope = await resolveSdkKey(db, options.sdkKey);
  if (!scope) throw new Error("demo: the SDK key is unknown or revoked");
  const existing = await db.prisma.flag.findUnique({ where: { projectId_key: { projectId: scope.projectId, key: CHECKOUT.flagKey } } });
  if (existing) return { seeded: false, events: 0 };

  const now = options.now ?? new Date();
  const startedAt = new Date(now.getTime() - DEMO_DAYS * DAY - 60 * 60 * 1000);
  const traffic = simulateDemoTraffic({ now, days: DEMO_DAYS, users: options.users ?? 4500 });
  await createDemoRecords(db, scope, startedAt, { [HERO.flagKey]: traffic.banditRuns });
  await sendEvents(options.baseUrl, options.sdkKey, traffic.events);
  // Cache the default results now, so the experiments list (which only reads snapshots) has numbers at once.
  const rules = await db.prisma.rule.findMany({ where: { environmentId: scope.environmentId, status: "running" }, select: { id: true } });
  for (const rule of rules) await getExperimentResults(db, rule.id, DEFAULT_SETTINGS);
  return { seeded: true, events: traffic.events.length };
}
