import { NextResponse } from "next/server";
import { resultRows, rowsToCsv } from "@/components/results/table-rows";
import { authorizeApi } from "@/lib/auth/api-guard";
import { getDatabase } from "@/lib/db";
import { getExperimentResults, parseResultSettings } from "@/lib/results";

/**
 * GET /api/v1/experiments/{id}/export?format=csv|json&{the results settings}: the results table as a
 * file, with the numbers the page shows for the same settings.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const auth = await authorizeApi(request);
  if (auth.denied) return auth.denied;
  const search = new URL(request.url).searchParams;
  const format = search.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") return NextResponse.json({ error: 'format: must be "csv" or "json"' }, { status: 400 });
  search.delete("format");
  const parsed = parseResultSettings(search);
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: 400 });
  const { id } = await context.params;
  const results = await getExperimentResults(await getDatabase(), id, parsed.settings, { refresh: parsed.refresh });
  if (!results) return NextResponse.json({ error: "no experiment with this id" }, { status: 404 });

  const rows = resultRows(results);
  const name = `${results.experiment.flagKey}-${results.experiment.key}-${results.computedAt.slice(0, 10)}`.replace(/[^A-Za-z0-9._-]/g, "_");
  const headers = { "content-disposition": `attachment; filename="${name}.${format}"`, "cache-control": "no-store" };
  if (format === "json") {
    const { experiment, settings, computedAt, watermark, health } = results;
    return NextResponse.json({ experiment, settings, computedAt, watermark, health, rows }, { headers });
  }
  return new Response(rowsToCsv(rows), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
}
