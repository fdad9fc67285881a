import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./playwright.config";
import { screenshot, signIn, signOut } from "./helpers";

test("an admin signs in, sees the empty experiments page and signs out", async ({ page }) => {
  await page.goto("/experiments");
  await expect(page).toHaveURL(/\/signin/);
  await screenshot(page, "signin");
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/experiments/);
  await expect(page.getByRole("heading", { name: "Experiments", level: 1 })).toBeVisible();
  await expect(page.getByText("No experiments yet")).toBeVisible();
  await screenshot(page, "experiments-empty");
  await signOut(page);
  await page.goto("/experiments");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong password shows a clear message and no session", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("API routes other than ingest and config need a session", async ({ request }) => {
  const response = await request.get("/api/v1/experiments");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: "sign in required" });
});
