import { expect, it } from "vitest";
import { resolveSdkKey, revokeSdkKey, createSdkKey } from "@/lib/auth/sdk-keys";
import { applyMigrations } from "@/lib/db/migrate";
import { createProject } from "@/lib/setup/projects";
import { runFirstRun } from "@/lib/setup/first-run";
import { verifyPassword } from "@/lib/auth/password";
import { describeOnDatabases } from "./helpers/databases";

describeOnDatabases("database layer", (db, kind) => {
  it("applies migrations once and records them", async () => {
    expect(await applyMigrations(db().adapterFactory)).toEqual([]);
    const rows = await db().sql.query<{ n: number }>('select count(*)::int as n from "_prisma_migrations" where finished_at is not null');
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it("returns bigint and numeric columns as numbers", async () => {
    const [row] = await db().sql.query<{ a: number; b: number }>("select 9007199254740::bigint as a, 1.5::numeric as b");
    expect(row).toEqual({ a: 9007199254740, b: 1.5 });
  });

  it("first run creates the admin and, on request, the demo with a chosen dev key", async () => {
    const report = await runFirstRun(db(), {
      SIGNAKIT_ADMIN_EMAIL: "Boss@Example.com",
      SIGNAKIT_DEMO: kind === "pglite" ? undefined : "1",
      SIGNAKIT_DEMO_SDK_KEY: "sk_dev_demo_demo_fixedkey123",
    });
    expect(report.admin?.email).toBe("boss@example.com");
    const password = report.admin!.generatedPassword!;
    expect(password.length).toBeGreaterThanOrEqual(10);
    const admin = await db().prisma.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
    expect(admin.role).toBe("ADMIN");
    expect(await verifyPassword(password, admin.passwordHash)).toBe(true);
    expect(report.demo?.developmentKey).toBe("sk_dev_demo_demo_fixedkey123");
    expect(report.demo?.productionKey).toMatch(/^sk_prod_demo_demo_[0-9a-f]{32}$/);
    const again = await runFirstRun(db(), { SIGNAKIT_DEMO: "1" });
    expect(again).toEqual({});
  });

  it("rolls a failed transaction back completely", async () => {
    await createProject(db(), { organizationId: "tx", projectId: "txproject", name: "tx" });
    await expect(
      db().sql.transaction(async (tx) => {
        await tx.query(`update "Project" set name = 'changed' where id = 'txproject'`);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const [row] = await db().sql.query<{ name: string }>(`select name from "Project" where id = 'txproject'`);
    expect(row!.name).toBe("tx");
  });

  it("resolves SDK keys to their scope and forgets revoked ones", async () => {
    const scope = await resolveSdkKey(db(), "sk_dev_demo_demo_fixedkey123");
    expect(scope).toMatchObject({ organizationId: "demo", projectId: "demo", environmentKey: "development" });
    expect(await resolveSdkKey(db(), "sk_dev_demo_demo_unknown")).toBeNull();
    expect(await resolveSdkKey(db(), "not-a-key")).toBeNull();
    const env = await db().prisma.environment.findFirstOrThrow({ where: { projectId: "demo", key: "production" } });
    const key = await createSdkKey(db(), env.id, "temp");
    expect((await resolveSdkKey(db(), key.key))?.environmentKey).toBe("production");
    await revokeSdkKey(db(), key.id);
    expect(await resolveSdkKey(db(), key.key)).toBeNull();
  });
});
