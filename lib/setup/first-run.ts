import crypto from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { createSdkKey } from "@/lib/auth/sdk-keys";
import type { Database } from "@/lib/db";
import { createProject } from "./projects";

type Env = Record<string, string | undefined>;

export interface FirstRunReport {
  admin?: { email: string; generatedPassword?: string };
  demo?: { projectId: string; developmentKey: string; productionKey: string };
}

/** Whether the demo project is created, per the rules of the README. */
export function demoWanted(kind: Database["kind"], env: Env = process.env): boolean {
  if (env.SIGNAKIT_DEMO === "0") return false;
  if (env.SIGNAKIT_DEMO === "1") return true;
  return kind === "pglite";
}

/**
 * On an empty database: the first admin and, when wanted, the demo project with its SDK keys.
 * Does nothing for parts that already exist, so it is safe on every start.
 */
export async function runFirstRun(db: Database, env: Env = process.env): Promise<FirstRunReport> {
  const report: FirstRunReport = {};
  if ((await db.prisma.user.count()) === 0) {
    const email = (env.SIGNAKIT_ADMIN_EMAIL || "admin@example.com").trim().toLowerCase();
    const generatedPassword = env.SIGNAKIT_ADMIN_PASSWORD ? undefined : crypto.randomBytes(9).toString("base64url");
    const password = env.SIGNAKIT_ADMIN_PASSWORD || generatedPassword!;
    await db.prisma.user.create({
      data: { email, name: "Admin", role: "ADMIN", passwordHash: await hashPassword(password) },
    });
    report.admin = { email, generatedPassword };
  }
  if (demoWanted(db.kind, env) && (await db.prisma.project.count()) === 0) {
    const project = await createProject(db, { organizationId: "demo", projectId: "demo", name: "Demo shop", organizationName: "Demo" });
    const dev = project.environments.find((e) => e.key === "development")!;
    const prod = project.environments.find((e) => e.key === "production")!;
    const developmentKey = await createSdkKey(db, dev.id, "Demo (development)", env.SIGNAKIT_DEMO_SDK_KEY || undefined);
    const productionKey = await createSdkKey(db, prod.id, "Demo (production)");
    report.demo = { projectId: project.id, developmentKey: developmentKey.key, productionKey: productionKey.key };
  }
  return report;
}
