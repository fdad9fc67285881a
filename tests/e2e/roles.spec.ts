import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./playwright.config";
import { screenshot, signIn, signOut } from "./helpers";

const VIEWER = { email: "pm@e2e.test", password: "viewer-password-1" };

test("a VIEWER reads but gets 403 from admin pages and admin API routes", async ({ page }) => {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const created = await page.request.post("/api/v1/users", { data: { ...VIEWER, role: "VIEWER" } });
  expect(created.status()).toBe(201);
  const invalid = await page.request.post("/api/v1/users", { data: { email: "nope", password: "short" } });
  expect(invalid.status()).toBe(400);
  const invalidBody = await invalid.json();
  expect(Object.keys(invalidBody.fieldErrors)).toEqual(expect.arrayContaining(["email", "password"]));
  await signOut(page);

  await signIn(page, VIEWER.email, VIEWER.password);
  await expect(page.getByLabel("role viewer")).toBeVisible();
  const adminPage = await page.goto("/metrics/new");
  expect(adminPage?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  await screenshot(page, "forbidden");

  const api = await page.request.post("/api/v1/metrics", { data: { name: "x", eventKey: "x", kind: "conversion" } });
  expect(api.status()).toBe(403);
  const users = await page.request.post("/api/v1/users", { data: { email: "a@b.co", password: "12345678" } });
  expect(users.status()).toBe(403);

  const readable = await page.goto("/metrics");
  expect(readable?.status()).toBe(200);
  await expect(page.getByRole("link", { name: /new metric/i })).toHaveCount(0);
});
