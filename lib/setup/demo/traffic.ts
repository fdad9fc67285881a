// Simulated shoppers of the demo shop. Each user's variations come from the real evaluator, so the
// SDK would have shown them the same thing. The effects below are what the results should find:
// the one-page checkout sells more, semantic search changes nothing but latency, and the video hero
// gets more signups (the bandit learns it and moves traffic to it).
import { thompsonWeights } from "@/lib/stats";
import { evaluate, rangesFromWeights } from "@/lib/flags";
import { CHECKOUT, HERO, SEARCH, type DemoExperiment } from "./definitions";
import { demoConfigFlag, demoRanges } from "./config-flag";
import { createRandom, type Random } from "./random";
import type { BanditRunRecord } from "./records";
import type { WireEvent } from "@/lib/sdk/core/types";

export interface DemoTraffic {
  events: WireEvent[];
  banditRuns: BanditRunRecord[];
}

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

const COUNTRIES = { US: 40, GB: 14, DE: 12, FR: 8, BR: 11, IN: 15 } as const;
const COUNTRY_PURCHASE_FACTOR: Record<keyof typeof COUNTRIES, number> = { US: 1.1, GB: 1.05, DE: 1, FR: 1, BR: 0.8, IN: 0.8 };
const DEVICES = { desktop: 55, mobile: 45 } as const;
const PLANS = { free: 70, pro: 22, team: 8 } as const;
const FEATURES = { wishlist: 30, compare: 20, reviews: 35, filters: 40 } as const;

/** The true effects of the simulation. */
const PURCHASE_RATE_AT_CHECKOUT = { control: 0.22, treatment: 0.3 } as Record<string, number>;
const CHECKOUT_ERROR_RATE = { control: 0.06, treatment: 0.045 } as Record<string, number>;
const SEARCH_LATENCY_MEDIAN_MS = { control: 300, semantic: 345 } as Record<string, number>;
const SIGNUP_RATE = { classic: 0.05, video: 0.08, testimonials: 0.055 } as Record<string, number>;
/** Bandit arms never drop below this share, so the losers keep being measured. */
const BANDIT_MIN_WEIGHT = 0.05;
/** The bandit keeps equal weights until every arm has this many users: early noise must not decide. */
const BANDIT_BURN_IN_USERS = 150;

interface SimUser {
  id: string;
  attributes: { country: keyof typeof COUNTRIES; device: keyof typeof DEVICES };
  plan: keyof typeof PLANS;
  sessions: number[];
  heroVariation: string | null;
}

export function simulateDemoTraffic(options: { now: Date; days: number; users: number; seed?: number }): DemoTraffic {
  const random = createRandom(options.seed ?? 2);
  const end = options.now.getTime() - MINUTE;
  const start = end - options.days * DAY;
  const users = Array.from({ length: options.users }, (_, i) => createUser(random, i, start, end));
  const banditRuns = assignHero(random, users, start, options.days);
  const events: WireEvent[] = [];
  for (const user of users) events.push(...userEvents(random, user));
  events.push(...crawlerEvents(random, start, end));
  events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  return { events, banditRuns };
}

function createUser(random: Random, index: number, start: number, end: number): SimUser {
  // Traffic grows a little over the two weeks, as if the shop were advertising.
  const first = start + Math.sqrt(random.next()) * (end - start);
  const sessions = [first];
  while (sessions.length < 5 && random.chance(0.5)) {
    const next = sessions[sessions.length - 1]! + random.logNormal(1.5 * DAY, 0.8);
    if (next > end) break;
    sessions.push(next);
  }
  return {
    id: `user-${String(index + 1).padStart(5, "0")}`,
    attributes: { country: random.pick(COUNTRIES), device: random.pick(DEVICES) },
    plan: random.pick(PLANS),
    sessions,
    heroVariation: null,
  };
}

/**
 * The hero bandit, day by day: a visitor's arm comes from the allocation published that day;
 * every evening Thompson sampling re-weights the arms from all data so far.
 */
function assignHero(random: Random, users: SimUser[], start: number, days: number): BanditRunRecord[] {
  const arms = HERO.variations.map((v) => ({ variation: v.key, users: 0, conversions: 0 }));
  let ranges = demoRanges(HERO);
  const runs: BanditRunRecord[] = [];
  const byFirstVisit = [...users].sort((a, b) => a.sessions[0]! - b.sessions[0]!);
  let next = 0;
  for (let day = 0; day < days; day++) {
    const dayEnd = start + (day + 1) * DAY;
    const flag = demoConfigFlag(HERO, ranges);
    for (; next < byFirstVisit.length && byFirstVisit[next]!.sessions[0]! < dayEnd; next++) {
      const user = byFirstVisit[next]!;
      if (!random.chance(0.65)) continue;
      const variation = evaluate(flag, user.id, user.attributes)?.variationKey ?? null;
      const arm = arms.find((a) => a.variation === variation);
      if (!arm || !variation) continue;
      user.heroVariation = variation;
      arm.users++;
      // Whether they sign up is decided when their events are generated; count it now with the same odds.
      if (signsUp(user, variation)) arm.conversions++;
    }
    const { probabilityBest, weights: sampled } = thompsonWeights(
      arms.map((a) => ({ n: a.users, sum: a.conversions })),
      { seed: day + 1, minWeight: BANDIT_MIN_WEIGHT },
    );
    const burnIn = arms.some((a) => a.users < BANDIT_BURN_IN_USERS);
    const weights = burnIn ? arms.map(() => 1 / arms.length) : sampled;
    ranges = rangesFromWeights(arms.map((a) => a.variation), weights);
    runs.push({
      computedAt: new Date(Math.min(dayEnd, start + days * DAY)),
      arms: arms.map((a, i) => ({ ...a, weight: weights[i] ?? 0, probabilityBest: probabilityBest[i] ?? 0 })),
      ranges,
    });
  }
  return runs;
}

/** A deterministic coin per user, so the bandit's tally and the user's events agree. */
function signsUp(user: SimUser, variation: string): boolean {
  return createRandom(hashString(`${user.id}:signup`)).chance(SIGNUP_RATE[variation] ?? 0);
}

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function variationOf(experiment: DemoExperiment, user: SimUser): string {
  return evaluate(demoConfigFlag(experiment), user.id, user.attributes)?.variationKey ?? "off";
}

function userEvents(random: Random, user: SimUser): WireEvent[] {
  const events: WireEvent[] = [];
  const checkout = variationOf(CHECKOUT, user);
  const search = variationOf(SEARCH, user);
  const emit = (time: number, eventKey: string, extra: Partial<WireEvent> = {}) =>
    events.push({ id: random.uuid(), eventKey, userId: user.id, timestamp: new Date(time).toISOString(), ...extra });
  const expose = (time: number, experiment: DemoExperiment, variationKey: string) =>
    emit(time, "$exposure", {
      metadata: { flagKey: experiment.flagKey, variationKey, ruleKey: experiment.rule.key },
      attributes: user.attributes,
    });

  user.sessions.forEach((sessionStart, index) => {
    let t = sessionStart;
    const step = (minutes: number) => (t += random.int(10, minutes * 60) * 1000);
    emit(t, "page_viewed", { metadata: { path: "/" }, attributes: user.attributes });
    if (index === 0 && user.heroVariation) {
      expose(t, HERO, user.heroVariation);
      if (signsUp(user, user.heroVariation)) emit(step(3), "signup_started", { metadata: { source: "hero" } });
    }
    if (random.chance(0.3)) emit(step(4), "feature_used", { metadata: { feature: random.pick(FEATURES) } });

    const searched = random.chance(0.55);
    if (searched) {
      expose(step(2), SEARCH, search);
      emit(t, "page_viewed", { metadata: { path: "/search" } });
      for (let n = random.int(1, 3); n > 0; n--) {
        const latency = Math.round(random.logNormal(SEARCH_LATENCY_MEDIAN_MS[search] ?? 300, 0.35));
        emit(step(2), "search_performed", { value: latency, metadata: { results: random.int(0, 48) } });
      }
    }
    if (!random.chance(searched ? 0.5 : 0.35)) return;
    emit(step(5), "add_to_cart", { metadata: { items: random.int(1, 3) } });
    emit(t, "page_viewed", { metadata: { path: "/cart" } });
    if (!random.chance(0.8)) return;

    expose(step(2), CHECKOUT, checkout);
    emit(t, "page_viewed", { metadata: { path: "/checkout" } });
    if (random.chance(CHECKOUT_ERROR_RATE[checkout] ?? 0)) emit(step(2), "checkout_error", { metadata: { code: random.pick({ card_declined: 3, address_invalid: 2, timeout: 1 }) } });
    const rate = (PURCHASE_RATE_AT_CHECKOUT[checkout] ?? 0) * COUNTRY_PURCHASE_FACTOR[user.attributes.country];
    if (random.chance(rate)) {
      const value = Math.round(random.logNormal(user.plan === "team" ? 95 : 48, 0.55) * 100) / 100;
      emit(step(6), "purchase_completed", { value, metadata: { plan: user.plan, currency: "USD" } });
    }
  });
  return events;
}

/** A crawler hitting the shop with SDK tracking on: ingest drops these (the health panel counts them). */
function crawlerEvents(random: Random, start: number, end: number): WireEvent[] {
  const attributes = { $userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" };
  return Array.from({ length: 120 }, () => ({
    id: random.uuid(),
    eventKey: "page_viewed",
    userId: `crawler-${random.int(1, 6)}`,
    timestamp: new Date(start + random.next() * (end - start)).toISOString(),
    metadata: { path: random.pick({ "/": 3, "/search": 1, "/cart": 1 }) },
    attributes,
  }));
}
