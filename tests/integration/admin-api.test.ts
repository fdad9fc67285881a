// Every admin mutation over real HTTP: 401 without a session, 403 for a VIEWER (nothing changes),
// and 400 with field errors for an admin's bad input.
import { beforeAll, expect, it } from "vitest";
import * as flagArchive from "@/app/api/v1/flags/[flagId]/archive/route";
import * as flagEnvironment from "@/app/api/v1/flags/[flagId]/environments/[environment]/route";
import * as flagRestore from "@/app/api/v1/flags/[flagId]/restore/route";
import * as flag from "@/app/api/v1/flags/[flagId]/route";
import * as ruleAction from "@/app/api/v1/flags/[flagId]/rules/[ruleId]/[action]/route";
import * as rule from "@/app/api/v1/flags/[flagId]/rules/[ruleId]/route";
import * as rules from "@/app/api/v1/flags/[flagId]/rules/route";
import * as flags from "@/app/api/v1/flags/route";
import * as metricArchive from "@/app/api/v1/metrics/[metricId]/archive/route";
import * as metricRestore from "@/app/api/v1/metrics/[metricId]/restore/route";
import * as metric from "@/app/api/v1/metrics/[metricId]/route";
import * as metrics from "@/app/api/v1/metrics/route";
import * as projects from "@/app/api/v1/projects/route";
import * as sdkKeyRevoke from "@/app/api/v1/sdk-keys/[keyId]/revoke/route";
import * as sdkKeys from "@/app/api/v1/sdk-keys/route";
import * as user from "@/app/api/v1/users/[userId]/route";
import * as users from "@/app/api/v1/users/route";
import { createProject } from "@/lib/setup/projects";
import { describeOnDatabases } from "./helpers/databases";
import { startRouteServer, type Route } from "./helpers/route-server";
import { sessionCookie } from "./helpers/session";

const ROUTES: Route[] = [
  { pattern: "/api/v1/metrics", module: metrics },
  { pattern: "/api/v1/metrics/:metricId", module: metric },
  { pattern: "/api/v1/metrics/:metricId/archive", module: metricArchive },
  { pattern: "/api/v1/metrics/:metricId/restore", module: metricRestore },
  { pattern: "/api/v1/flags", module: flags },
  { pattern: "/api/v1/flags/:flagId", module: flag },
  { pattern: "/api/v1/flags/:flagId/archive", module: flagArchive },
  { pattern: "/api/v1/flags/:flagId/restore", module: flagRestore },
  { pattern: "/api/v1/flags/:flagId/environments/:environment", module: flagEnvironment },
  { pattern: "/api/v1/flags/:flagId/rules", module: rules },
  { pattern: "/api/v1/flags/:flagId/rules/:ruleId", module: rule },
  { pattern: "/api/v1/flags/:flagId/rules/:ruleId/:action", module: ruleAction },
  { pattern: "/api/v1/users", module: users },
  { pattern: "/api/v1/users/:userId", module: user },
  { pattern: "/api/v1/sdk-keys", module: sdkKeys },
  { pattern: "/api/v1/sdk-keys/:keyId/revoke", module: sdkKeyRevoke },
  { pattern: "/api/v1/projects", module: projects },
];

// Valid-looking bodies, so a 403 can only come from the role check.
const MUTATIONS: Array<[method: string, path: string, body?: unknown]> = [
  ["POST", "/api/v1/metrics", { name: "Signups", eventKey: "signup", kind: "conversion" }],
  ["PATCH", "/api/v1/metrics/m1", { name: "Renamed", eventKey: "signup", kind: "conversion" }],
  ["DELETE", "/api/v1/metrics/m1"],
  ["POST", "/api/v1/metrics/m1/archive"],
  ["POST", "/api/v1/metrics/m1/restore"],
  ["POST", "/api/v1/flags", { key: "new-flag", name: "New", variations: [{ key: "off" }, { key: "on" }] }],
  ["PATCH", "/api/v1/flags/f1", { name: "Renamed" }],
  ["POST", "/api/v1/flags/f1/archive"],
  ["POST", "/api/v1/flags/f1/restore"],
  ["PUT", "/api/v1/flags/f1/environments/development", { running: true, weights: { off: 50, on: 50 } }],
  ["POST", "/api/v1/flags/f1/rules", { environment: "development", key: "r", type: "ab-test" }],
  ["PATCH", "/api/v1/flags/f1/rules/r1", { name: "Renamed" }],
  ["POST", "/api/v1/flags/f1/rules/r1/start"],
  ["POST", "/api/v1/flags/f1/rules/r1/stop"],
  ["POST", "/api/v1/users", { email: "new@example.com", password: "long-enough", role: "ADMIN" }],
  ["PATCH", "/api/v1/users/u1", { role: "ADMIN" }],
  ["POST", "/api/v1/sdk-keys", { environment: "development", name: "k" }],
  ["POST", "/api/v1/sdk-keys/k1/revoke"],
  ["POST", "/api/v1/projects", { organizationId: "other", projectId: "other", name: "Other" }],
];

describeOnDatabases("admin API authorization", (db) => {
  let url = "";
  let viewer = "";
  let admin = "";

  beforeAll(async () => {
    await createProject(db(), { organizationId: "acme", projectId: "shop", name: "Shop" });
    [viewer, admin] = [await sessionCookie(db(), "VIEWER"), await sessionCookie(db(), "ADMIN")];
    const server = await startRouteServer(ROUTES);
    url = server.url;
    return server.close;
  });

  const send = (method: string, path: string, cookie: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { cookie, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const snapshot = async () => ({
    metrics: await db().prisma.metric.count(),
    flags: await db().prisma.flag.count(),
    users: await db().prisma.user.count(),
    keys: await db().prisma.sdkKey.count(),
    projects: await db().prisma.project.count(),
  });

  it("answers 401 without a session and 403 to a VIEWER on every admin mutation, changing nothing", async () => {
    const before = await snapshot();
    for (const [method, path, body] of MUTATIONS) {
      const anonymous = await send(method, path, "", body);
      expect(anonymous.status, `${method} ${path} anonymous`).toBe(401);
      const asViewer = await send(method, path, viewer, body);
      expect(asViewer.status, `${method} ${path} as viewer`).toBe(403);
      expect(await asViewer.json()).toEqual({ error: "admin role required" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lets a VIEWER read the lists", async () => {
    expect((await fetch(`${url}/api/v1/metrics`, { headers: { cookie: viewer } })).status).not.toBe(403);
  });

  it("answers an admin's bad input with 400 and errors next to each field", async () => {
    const cases: Array<[string, unknown, string[]]> = [
      ["/api/v1/metrics", { name: "", eventKey: "", kind: "median" }, ["name", "eventKey", "kind"]],
      ["/api/v1/users", { email: "not-an-email", password: "short" }, ["email", "password"]],
      ["/api/v1/projects", { organizationId: "has_underscore", projectId: "Bad Id", name: "" }, ["organizationId", "projectId", "name"]],
    ];
    for (const [path, body, fields] of cases) {
      const response = await send("POST", path, admin, body);
      expect(response.status, path).toBe(400);
      const { fieldErrors } = (await response.json()) as { fieldErrors: Record<string, string[]> };
      expect(Object.keys(fieldErrors), path).toEqual(expect.arrayContaining(fields));
    }
    const notJson = await fetch(`${url}/api/v1/users`, { method: "POST", headers: { cookie: admin }, body: "{" });
    expect(notJson.status).toBe(400);
  });
});
