// Issue #6: an admin defines a metric and an A/B test through the forms, SDK traffic arrives through
// POST /v1/flag-events, and a VIEWER reads the results: table, charts, settings in the URL, CSV export.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { evaluate, type ProjectConfig } from "../../lib/flags";
import { E2E_ADMIN } from "./playwright.config";
import { screenshot, signIn, signOut } from "./helpers";

const VIEWER = { email: "pm2@e2e.test", password: "viewer-password-2" };
const PROJECT = { organizationName: "E2E Inc.", organizationId: "e2e-org", name: "E2E shop", projectId: "e2e-shop" };
const SDK_KEY_NAME = "E2E results";
const EVENT_KEY = "e2e_purchase";
const METRIC_NAME = "E2E purchase conversion";
const FLAG = { key: "e2e-checkout", name: "E2E checkout" };
const RULE = { key: "e2e-checkout-test", name: "E2E checkout test" };
const VARIATIONS = [
  { key: "control", name: "Control" },
  { key: "treatment", name: "Treatment" },
];
const USERS = 400;
const DAY_MS = 86_400_000;

/** What the spec set up and sent; the later tests check the app's numbers against it. */
const state = {
  sdkKey: "",
  organizationId: "",
  projectId: "",
  metricId: "",
  flagId: "",
  experimentId: "",
  expected: new Map<string, { users: number; conversions: number }>(),
};

test.describe.configure({ mode: "serial" });

/** Confirm dialogs (start, turn on) are accepted. */
function acceptDialogs(page: Page) {
  page.on("dialog", (dialog) => void dialog.accept());
}

/** "12.50%": how the results table prints a conversion rate. */
const rateText = (conversions: number, users: number) => `${((conversions / users) * 100).toFixed(2)}%`;
const integerText = (n: number) => n.toLocaleString("en-US");

function rowOf(table: Locator, variationName: string): Locator {
  return table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name: new RegExp(`^${variationName}`) }) });
}

test("an admin sets up a project, an SDK key, a metric and an A/B test through the forms", async ({ page }) => {
  test.setTimeout(120_000);
  acceptDialogs(page);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);

  // The project: created here unless an earlier spec made one.
  await page.goto("/settings");
  const createProject = page.getByRole("button", { name: "Create project" });
  const projectHeading = page.getByRole("heading", { name: "Project", level: 2 });
  await expect(projectHeading).toBeVisible();
  if (await createProject.isVisible()) {
    await page.getByLabel("Organization name").fill(PROJECT.organizationName);
    await page.getByLabel("Organization id").fill(PROJECT.organizationId);
    await page.getByLabel("Project name").fill(PROJECT.name);
    await page.getByLabel("Project id").fill(PROJECT.projectId);
    await createProject.click();
    await expect(page.getByRole("heading", { name: "SDK keys" })).toBeVisible();
  }
  const projectTable = page.getByRole("region", { name: "Project" });
  state.organizationId = (await projectTable.getByRole("row", { name: /Organization id/ }).getByRole("cell").innerText()).trim();
  state.projectId = (await projectTable.getByRole("row", { name: /Project id/ }).getByRole("cell").innerText()).trim();
  expect(state.organizationId).not.toBe("");

  // A development SDK key, read back from the keys table.
  const keys = page.getByRole("region", { name: "SDK keys" });
  await keys.getByLabel("Name", { exact: true }).fill(SDK_KEY_NAME);
  await keys.getByLabel("Environment").selectOption("development");
  await keys.getByRole("button", { name: "Create SDK key" }).click();
  await expect(keys.getByRole("status")).toHaveText(/SDK key created/);
  const keyRow = keys.getByRole("row").filter({ hasText: SDK_KEY_NAME });
  await expect(keyRow).toHaveCount(1);
  state.sdkKey = (await keyRow.locator("code").innerText()).trim();
  expect(state.sdkKey).toMatch(new RegExp(`^sk_dev_${state.organizationId}_${state.projectId}_`));

  // The metric.
  await page.goto("/metrics/new");
  await page.getByLabel("Name", { exact: true }).fill(METRIC_NAME);
  await page.getByLabel("Description", { exact: true }).fill("Share of exposed users who buy at least once.");
  await page.getByLabel("Event", { exact: true }).fill(EVENT_KEY);
  await page.getByRole("radio", { name: /Conversion/ }).check();
  await page.getByLabel("Better when the metric is").selectOption("higher");
  await page.getByRole("button", { name: "Create metric" }).click();
  await expect(page).toHaveURL(/\/metrics\/(?!new)[^/?]+$/);
  await expect(page.getByRole("heading", { name: METRIC_NAME, level: 1 })).toBeVisible();
  state.metricId = new URL(page.url()).pathname.split("/").pop()!;

  // The flag, with control and treatment instead of the default off/on.
  await page.goto("/flags/new");
  await page.getByLabel("Key", { exact: true }).fill(FLAG.key);
  await page.getByLabel("Name", { exact: true }).fill(FLAG.name);
  for (const [index, variation] of VARIATIONS.entries()) {
    await page.getByLabel(`Variation ${index + 1} key`).fill(variation.key);
    await page.getByLabel(`Variation ${index + 1} name`).fill(variation.name);
  }
  await page.getByRole("button", { name: "Create flag" }).click();
  await expect(page).toHaveURL(/\/flags\/(?!new)[^/?]+$/);
  await expect(page.getByRole("heading", { name: FLAG.name, level: 1 })).toBeVisible();
  state.flagId = new URL(page.url()).pathname.split("/").pop()!;

  // The A/B test in development: 50/50, the metric as primary.
  await page.goto(`/flags/${state.flagId}/rules/new?environment=development`);
  await page.getByRole("radio", { name: /A\/B test/ }).check();
  await page.getByLabel("Name", { exact: true }).fill(RULE.name);
  await page.getByLabel("Key", { exact: true }).fill(RULE.key);
  await page.getByLabel("Hypothesis").fill("A shorter checkout raises purchases because it has fewer steps.");
  await page.getByLabel("Traffic (%)").fill("100");
  await page.getByLabel("control", { exact: true }).fill("50");
  await page.getByLabel("treatment", { exact: true }).fill("50");
  await page.getByLabel("Primary metric").selectOption({ label: `${METRIC_NAME} (Conversion)` });
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/rules\/(?!new)[^/?]+$/);
  state.experimentId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { name: new RegExp(`${RULE.name}\\s+draft`) })).toBeVisible();

  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`${RULE.name}\\s+running`) })).toBeVisible();
  await expect(page.getByRole("link", { name: "View results" })).toBeVisible();

  // The flag is off in every environment until turned on.
  await page.goto(`/flags/${state.flagId}`);
  const development = page.getByRole("region", { name: "development" });
  if (await development.getByRole("button", { name: "Turn on" }).isVisible()) {
    await development.getByRole("button", { name: "Turn on" }).click();
  }
  await expect(development.getByText("On", { exact: true })).toBeVisible();
  await expect(development.getByRole("row").filter({ hasText: RULE.key })).toContainText("running");
  await screenshot(page, "flag-detail");
});

test("SDK traffic: exposures by the served config, conversions at known rates", async ({ request }) => {
  const response = await request.get(`/configs/${state.organizationId}/${state.projectId}/development/latest.json`);
  expect(response.status()).toBe(200);
  const config = (await response.json()) as ProjectConfig;
  const flag = config.flags.find((f) => f.key === FLAG.key);
  expect(flag, "the flag is in the development config").toBeTruthy();
  expect(flag!.running).toBe(true);
  const rule = flag!.rules?.find((r) => r.ruleKey === RULE.key);
  expect(rule?.ruleType).toBe("ab-test");
  expect(rule?.primaryEventKey ?? EVENT_KEY).toBe(EVENT_KEY);

  // Every 10th control user and every 4th treatment user buys: 10% against 25%.
  const everyNth: Record<string, number> = { control: 10, treatment: 4 };
  const now = Date.now();
  const events: object[] = [];
  const expected = new Map(VARIATIONS.map((v) => [v.key, { users: 0, conversions: 0 }]));
  for (let i = 0; i < USERS; i++) {
    const userId = `e2e-results-user-${i}`;
    const decision = evaluate(flag!, userId);
    expect(decision?.ruleKey).toBe(RULE.key);
    const variation = decision!.variationKey;
    const counts = expected.get(variation)!;
    counts.users++;
    // Spread over the last three days so the charts have a line; purchases come 30 minutes after exposure.
    const exposedAt = now - (1 + (i % 3)) * DAY_MS + i * 1000;
    events.push({
      id: crypto.randomUUID(),
      eventKey: "$exposure",
      userId,
      timestamp: new Date(exposedAt).toISOString(),
      metadata: { flagKey: FLAG.key, variationKey: variation, ruleKey: decision!.ruleKey },
      attributes: { country: i % 2 ? "DE" : "US" },
    });
    if ((counts.users - 1) % everyNth[variation]! === 0) {
      counts.conversions++;
      // Twice for some buyers: a conversion counts each user once.
      const times = counts.conversions % 3 === 0 ? 2 : 1;
      for (let t = 0; t < times; t++) {
        events.push({ id: crypto.randomUUID(), eventKey: EVENT_KEY, userId, timestamp: new Date(exposedAt + (30 + t) * 60_000).toISOString(), value: 49.99 });
      }
    }
    // Noise that must not count: another event key for everyone.
    events.push({ id: crypto.randomUUID(), eventKey: "e2e_page_view", userId, timestamp: new Date(exposedAt + 60_000).toISOString() });
  }
  // Purchases by users never exposed do not count either.
  for (let i = 0; i < 20; i++) {
    events.push({ id: crypto.randomUUID(), eventKey: EVENT_KEY, userId: `e2e-results-unexposed-${i}`, timestamp: new Date(now - DAY_MS).toISOString() });
  }
  for (let start = 0; start < events.length; start += 500) {
    const batch = events.slice(start, start + 500);
    const sent = await request.post("/v1/flag-events", { headers: { "X-SDK-Key": state.sdkKey }, data: { events: batch } });
    expect(sent.status()).toBe(200);
    const body = await sent.json();
    expect(body).toMatchObject({ accepted: batch.length, duplicates: 0, rejected: [] });
  }
  // Both variations are well represented and convert differently.
  for (const v of VARIATIONS) expect(expected.get(v.key)!.users).toBeGreaterThan(150);
  state.expected = expected;
});

test("a VIEWER reads the results: table, charts, engine and confidence in the URL, CSV export", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const created = await page.request.post("/api/v1/users", { data: { ...VIEWER, name: "PM Two", role: "VIEWER" } });
  expect([201, 409]).toContain(created.status());
  await signOut(page);
  await signIn(page, VIEWER.email, VIEWER.password);
  await expect(page.getByLabel("role viewer")).toBeVisible();

  // The list shows the experiment with its exposed users.
  await page.goto("/experiments");
  const listRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: RULE.name }) });
  await expect(listRow).toContainText(FLAG.key);
  await expect(listRow).toContainText("running", { ignoreCase: true });
  await expect(listRow).toContainText(integerText(USERS));
  await screenshot(page, "experiments");
  await listRow.getByRole("link", { name: RULE.name }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${state.experimentId}$`));
  await expect(page.getByRole("heading", { name: RULE.name, level: 1 })).toBeVisible();

  // The table: users and conversions per variation exactly, and the rate.
  const card = page.getByRole("region", { name: new RegExp(METRIC_NAME) });
  const table = card.getByRole("table");
  for (const v of VARIATIONS) {
    const { users, conversions } = state.expected.get(v.key)!;
    const cells = rowOf(table, v.name).getByRole("cell");
    await expect(cells.nth(0)).toHaveText(integerText(users));
    await expect(cells.nth(1)).toHaveText(integerText(conversions));
    await expect(cells.nth(2)).toContainText(rateText(conversions, users));
  }
  await expect(page.getByRole("region", { name: "Health" })).toContainText(integerText(USERS));
  await expect(rowOf(table, "Treatment")).toContainText("Wins");
  await expect(table.getByRole("columnheader", { name: /p-value/ })).toBeVisible();

  // The charts: SVGs with a bar per variation and a line (legend entry) per variation.
  const charts = page.getByRole("region", { name: "Charts" });
  await expect(charts.locator("figure svg.recharts-surface").first()).toBeVisible();
  const rateChart = charts.locator("figure").filter({ hasText: "Conversion rate by variation" });
  await expect(rateChart.locator(".recharts-bar-rectangle path, .recharts-bar-rectangle rect")).toHaveCount(VARIATIONS.length);
  for (const v of VARIATIONS) await expect(rateChart.locator("svg.recharts-surface")).toContainText(v.name);
  const cumulative = charts.locator("figure").filter({ hasText: "Cumulative conversion rate" });
  await expect(cumulative.locator(".recharts-line")).toHaveCount(VARIATIONS.length);
  const legend = cumulative.locator(".recharts-legend-wrapper");
  for (const v of VARIATIONS) await expect(legend).toContainText(v.name);
  await expect(charts.locator("figure").filter({ hasText: "Lift of Treatment over time" }).locator("svg.recharts-surface")).toBeVisible();
  await screenshot(page, "experiment-results");

  // Engine: Bayesian shows the chance to beat control, and the URL says so.
  const controlInterval = rowOf(table, "Control").getByRole("cell").nth(2).locator("div");
  const interval95 = await controlInterval.innerText();
  await page.getByLabel("Engine").selectOption("bayesian");
  await expect(page).toHaveURL(/[?&]engine=bayesian/);
  await expect(table.getByRole("columnheader", { name: "Chance to beat control" })).toBeVisible();
  await expect(card.getByText(/chance to be better/)).toBeVisible();
  await expect(rowOf(table, "Treatment").getByRole("cell").nth(4)).toHaveText(/^\d+(\.\d)?%$/);

  // Confidence 99%: wider intervals, in the text and in the URL.
  await page.getByLabel("Credible level").selectOption("0.99");
  await expect(page).toHaveURL(/[?&]confidence=0\.99/);
  await expect(page).toHaveURL(/[?&]engine=bayesian/);
  await expect(table.getByRole("columnheader", { name: /99% interval/ })).toBeVisible();
  await expect(card.getByText(/99% credible interval/)).toBeVisible();
  await expect(controlInterval).not.toHaveText(interval95);
  await expect(page.locator(".results-body.is-stale")).toHaveCount(0);
  // The numbers themselves do not depend on the analysis settings.
  for (const v of VARIATIONS) {
    const { users, conversions } = state.expected.get(v.key)!;
    await expect(rowOf(table, v.name).getByRole("cell").nth(0)).toHaveText(integerText(users));
    await expect(rowOf(table, v.name).getByRole("cell").nth(1)).toHaveText(integerText(conversions));
  }
  // A copied link reproduces the view.
  await page.reload();
  await expect(page.getByLabel("Engine")).toHaveValue("bayesian");
  await expect(page.getByLabel("Credible level")).toHaveValue("0.99");
  await screenshot(page, "experiment-results-bayesian");

  // CSV export: same numbers, with the current settings.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${FLAG.key}-${RULE.key}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = await fs.readFile((await download.path())!, "utf8");
  const [header, ...lines] = csv.trim().split(/\r\n/);
  const columns = header!.split(",");
  const rows = lines.map((line) => Object.fromEntries(parseCsvLine(line).map((cell, i) => [columns[i]!, cell])));
  expect(rows).toHaveLength(VARIATIONS.length);
  for (const v of VARIATIONS) {
    const { users, conversions } = state.expected.get(v.key)!;
    const row = rows.find((r) => r.variation === v.key)!;
    expect(row).toMatchObject({ metric: METRIC_NAME, metricKind: "conversion", role: "primary", variationName: v.name, users: String(users), total: String(conversions) });
    expect(Number(row.value)).toBeCloseTo(conversions / users, 10);
  }
  const treatment = rows.find((r) => r.variation === "treatment")!;
  expect(Number(treatment.chanceToWin)).toBeGreaterThan(0.99);
  expect(treatment.summary).toMatch(/99% credible interval/);
});

test("a VIEWER cannot edit metrics, flags or experiments", async ({ page }) => {
  await signIn(page, VIEWER.email, VIEWER.password);

  await page.goto("/metrics");
  await expect(page.getByRole("link", { name: METRIC_NAME })).toBeVisible();
  await expect(page.getByRole("link", { name: /new metric/i })).toHaveCount(0);
  await screenshot(page, "metrics");
  await page.getByRole("link", { name: METRIC_NAME }).click();
  await expect(page.getByRole("heading", { name: METRIC_NAME, level: 1 })).toBeVisible();
  await expect(page.getByRole("cell", { name: EVENT_KEY })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("button")).toHaveText(["Sign out"]);

  await page.goto("/flags");
  await expect(page.getByRole("link", { name: FLAG.name })).toBeVisible();
  await expect(page.getByRole("link", { name: /new flag|first flag/i })).toHaveCount(0);
  await screenshot(page, "flags");
  await page.getByRole("link", { name: FLAG.name }).click();
  await expect(page.getByRole("heading", { name: FLAG.name, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: RULE.name })).toBeVisible();
  await expect(page.getByRole("link", { name: "View results" })).toHaveAttribute("href", `/experiments/${state.experimentId}`);
  await expect(page.getByRole("link", { name: /Edit/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Add rule/ })).toHaveCount(0);
  await expect(page.getByText("Change allocation")).toHaveCount(0);
  // Only the sign-out button: no turn on/off, start/stop, archive or reorder.
  await expect(page.getByRole("button")).toHaveText(["Sign out"]);

  await page.getByRole("link", { name: RULE.name }).click();
  await expect(page.getByRole("link", { name: "View results" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("button")).toHaveText(["Sign out"]);

  for (const path of ["/metrics/new", `/metrics/${state.metricId}/edit`, "/flags/new", `/flags/${state.flagId}/edit`, `/flags/${state.flagId}/rules/new?environment=development`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  }
  const mutations = [
    page.request.post("/api/v1/metrics", { data: { name: "x", eventKey: "x", kind: "conversion" } }),
    page.request.patch(`/api/v1/flags/${state.flagId}`, { data: { name: "Hijacked" } }),
    page.request.post(`/api/v1/flags/${state.flagId}/rules/${state.experimentId}/stop`),
    page.request.post("/api/v1/sdk-keys", { data: { environment: "development", name: "x" } }),
  ];
  for (const response of await Promise.all(mutations)) expect(response.status(), response.url()).toBe(403);

  await page.goto("/settings");
  await expect(page.getByRole("button", { name: "Create SDK key" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add user" })).toHaveCount(0);
  await screenshot(page, "settings");
});

test("the events explorer shows the new event key", async ({ page }) => {
  await signIn(page, VIEWER.email, VIEWER.password);
  await page.goto("/events");
  const keyButton = page.getByRole("button", { name: `Filter the stream by ${EVENT_KEY}` });
  await expect(keyButton).toBeVisible();
  const keyRow = page.getByRole("row").filter({ has: keyButton });
  // Purchases by exposed buyers (some twice) and by the 20 unexposed users, all in the last 7 days.
  const purchases = [...state.expected.values()].reduce((sum, v) => sum + v.conversions + Math.floor(v.conversions / 3), 0) + 20;
  await expect(keyRow.getByRole("cell").nth(1)).toHaveText(integerText(purchases));
  await screenshot(page, "events");
  await keyButton.click();
  await expect(page.getByRole("button", { name: `Stop filtering by ${EVENT_KEY}` })).toBeVisible();
});

/** One CSV line (quoted cells may hold commas and doubled quotes). */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") cells.push(cell), (cell = "");
    else cell += c;
  }
  cells.push(cell);
  return cells;
}
