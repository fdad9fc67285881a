// What the demo project holds in its database: metrics and flags with their experiment rules.
// The behaviour that produces their results lives in traffic.ts.

export interface DemoMetric {
  name: string;
  description: string;
  eventKey: string;
  kind: "conversion" | "count" | "value" | "ratio";
  direction: "higher" | "lower";
  winsorizePercentile?: number;
}

export interface DemoExperiment {
  flagKey: string;
  flagName: string;
  flagDescription: string;
  salt: string;
  variations: Array<{ key: string; name: string; variables?: Record<string, unknown> }>;
  variables: Array<{ key: string; type: "string" | "number" | "boolean" | "json"; defaultValue: unknown }>;
  rule: {
    key: string;
    name: string;
    type: "ab_test" | "multi_armed_bandit";
    status: "draft" | "running";
    hypothesis: string;
    /** Relative weights per variation key, in variation order. */
    weights: Record<string, number>;
  };
  metrics: Array<{ name: string; role: "primary" | "secondary" | "guardrail" }>;
}

export const DEMO_METRICS = {
  purchase: {
    name: "Purchase completed",
    description: "Users who completed at least one purchase.",
    eventKey: "purchase_completed",
    kind: "conversion",
    direction: "higher",
  },
  revenue: {
    name: "Revenue per user",
    description: "Sum of purchase values per exposed user, capped at the 99th percentile.",
    eventKey: "purchase_completed",
    kind: "value",
    direction: "higher",
    winsorizePercentile: 0.99,
  },
  addToCart: {
    name: "Added to cart",
    description: "Users who added at least one item to the cart.",
    eventKey: "add_to_cart",
    kind: "conversion",
    direction: "higher",
  },
  checkoutErrors: {
    name: "Checkout errors per user",
    description: "Errors shown during checkout. Fewer is better.",
    eventKey: "checkout_error",
    kind: "count",
    direction: "lower",
  },
  searchLatency: {
    name: "Search latency (ms)",
    description: "Average time to show search results, over all searches. Lower is better.",
    eventKey: "search_performed",
    kind: "ratio",
    direction: "lower",
  },
  signup: {
    name: "Signup started",
    description: "Users who opened the signup form.",
    eventKey: "signup_started",
    kind: "conversion",
    direction: "higher",
  },
} as const satisfies Record<string, DemoMetric>;

export const CHECKOUT: DemoExperiment = {
  flagKey: "checkout-redesign",
  flagName: "Checkout redesign",
  flagDescription: "One-page checkout instead of the three-step flow.",
  salt: "demo-checkout-7f3a",
  variations: [
    { key: "control", name: "Three-step checkout", variables: { layout: "steps" } },
    { key: "treatment", name: "One-page checkout", variables: { layout: "one-page" } },
  ],
  variables: [{ key: "layout", type: "string", defaultValue: "steps" }],
  rule: {
    key: "one-page-checkout",
    name: "One-page checkout",
    type: "ab_test",
    status: "running",
    hypothesis: "Putting shipping, payment and review on one page removes drop-off between steps, so more carts become purchases.",
    weights: { control: 50, treatment: 50 },
  },
  metrics: [
    { name: DEMO_METRICS.purchase.name, role: "primary" },
    { name: DEMO_METRICS.revenue.name, role: "secondary" },
    { name: DEMO_METRICS.checkoutErrors.name, role: "guardrail" },
  ],
};

export const SEARCH: DemoExperiment = {
  flagKey: "search-ranking",
  flagName: "Search ranking",
  flagDescription: "Semantic ranking of search results.",
  salt: "demo-search-21bc",
  variations: [
    { key: "control", name: "Keyword ranking", variables: { ranker: "keyword" } },
    { key: "semantic", name: "Semantic ranking", variables: { ranker: "semantic" } },
  ],
  variables: [{ key: "ranker", type: "string", defaultValue: "keyword" }],
  rule: {
    key: "semantic-search",
    name: "Semantic search ranking",
    type: "ab_test",
    status: "running",
    hypothesis: "Ranking results by meaning rather than keywords helps shoppers find products, so more of them add to cart.",
    weights: { control: 50, semantic: 50 },
  },
  metrics: [
    { name: DEMO_METRICS.addToCart.name, role: "primary" },
    { name: DEMO_METRICS.revenue.name, role: "secondary" },
    { name: DEMO_METRICS.searchLatency.name, role: "guardrail" },
  ],
};

export const HERO: DemoExperiment = {
  flagKey: "homepage-hero",
  flagName: "Homepage hero",
  flagDescription: "The banner at the top of the homepage.",
  salt: "demo-hero-9d04",
  variations: [
    { key: "classic", name: "Classic photo", variables: { hero: "photo" } },
    { key: "video", name: "Product video", variables: { hero: "video" } },
    { key: "testimonials", name: "Customer quotes", variables: { hero: "quotes" } },
  ],
  variables: [{ key: "hero", type: "string", defaultValue: "photo" }],
  rule: {
    key: "hero-bandit",
    name: "Homepage hero bandit",
    type: "multi_armed_bandit",
    status: "running",
    hypothesis: "One of the three hero banners gets more visitors to start signing up; the bandit sends traffic to it while learning.",
    weights: { classic: 1, video: 1, testimonials: 1 },
  },
  metrics: [{ name: DEMO_METRICS.signup.name, role: "primary" }],
};

/** A planned experiment with no traffic yet: shows the empty states. */
export const PRICING: DemoExperiment = {
  flagKey: "pricing-annual-first",
  flagName: "Annual plans first",
  flagDescription: "Show annual billing as the default on the pricing page.",
  salt: "demo-pricing-5e61",
  variations: [
    { key: "control", name: "Monthly first" },
    { key: "annual", name: "Annual first" },
  ],
  variables: [],
  rule: {
    key: "annual-first",
    name: "Annual billing first",
    type: "ab_test",
    status: "draft",
    hypothesis: "Defaulting to annual billing raises revenue per user without lowering purchases.",
    weights: { control: 50, annual: 50 },
  },
  metrics: [
    { name: DEMO_METRICS.revenue.name, role: "primary" },
    { name: DEMO_METRICS.purchase.name, role: "guardrail" },
  ],
};

export const DEMO_EXPERIMENTS = [CHECKOUT, SEARCH, HERO, PRICING] as const;

/** How long the demo experiments have been running. */
export const DEMO_DAYS = 14;
