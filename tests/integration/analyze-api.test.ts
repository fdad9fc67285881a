// POST /api/v1/analyze over real HTTP: signed-in users get the analysis, bad input a 400 naming the field.
import { beforeAll, expect, it } from "vitest";
import * as analyzeRoute from "@/app/api/v1/analyze/route";
import { describeOnDatabases } from "./helpers/databases";
import { startRouteServer } from "./helpers/route-server";
import { sessionCookie } from "./helpers/session";

describeOnDatabases("analyze API", (db) => {
  let url = "";
  let viewer = "";

  beforeAll(async () => {
    viewer = await sessionCookie(db(), "VIEWER");
    const server = await startRouteServer([{ pattern: "/api/v1/analyze", module: analyzeRoute }]);
    url = `${server.url}/api/v1/analyze`;
    return server.close;
  });

  const post = (body: string, cookie = viewer) => fetch(url, { method: "POST", headers: { cookie, "content-type": "application/json" }, body });

  it("analyses a proportion experiment for a signed-in user", async () => {
    const response = await post(
      JSON.stringify({ metric: "proportion", variations: [{ key: "control", n: 1000, sum: 100 }, { key: "treatment", n: 1000, sum: 150 }] }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { variations: Array<{ key: string; value: number }>; comparisons: Array<{ key: string; estimate: number; pValue: number }> };
    expect(body.variations.map((v) => [v.key, v.value])).toEqual([["control", 0.1], ["treatment", 0.15]]);
    expect(body.comparisons[0]!.key).toBe("treatment");
    expect(body.comparisons[0]!.estimate).toBeCloseTo(0.5, 10);
    expect(body.comparisons[0]!.pValue).toBeLessThan(0.01);
  });

  it("adjusts p-values in the input's order", async () => {
    const response = await post(JSON.stringify({ adjust: "holm", pValues: [0.04, 0.01] }));
    expect(await response.json()).toEqual({ adjusted: [0.04, 0.02] });
  });

  it("answers bad input with 400 naming the field, and anonymous requests with 401", async () => {
    const invalid = await post(JSON.stringify({ metric: "proportion", variations: [{ key: "a", n: -1, sum: 0 }, { key: "b", n: 10, sum: 1 }] }));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toMatch(/^variations\[0\]\.n/);
    expect((await post("{not json")).status).toBe(400);
    expect((await post("{}", "")).status).toBe(401);
  });
});
