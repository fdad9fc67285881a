"use client";

import "./results.css";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import type { ExperimentResults } from "@/lib/results/model";
import { BanditPanel, type BanditRunView } from "./bandit-panel";
import { BreakdownPanel } from "./breakdown-panel";
import { ChartsPanel } from "./charts-panel";
import { fetchResults } from "./fetch-results";
import { HealthPanel } from "./health-panel";
import { MetricCard } from "./metric-card";
import { SettingsBar, type BreakdownOption } from "./settings-bar";
import { settingsQuery, withParam } from "./url-settings";

/** Results are re-read this often; the API serves a cached snapshot unless new events arrived. */
const POLL_MS = 30_000;

const time = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

export function ResultsView({
  experimentId,
  initialQuery,
  initialResults,
  breakdownOptions,
  banditRuns,
}: {
  experimentId: string;
  /** The API query the server rendered initialResults for. */
  initialQuery: string;
  initialResults: ExperimentResults;
  breakdownOptions: BreakdownOption[];
  banditRuns: BanditRunView[] | null;
}) {
  const params = useSearchParams();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const query = settingsQuery(params);
  const queryKey = ["results", experimentId, query];
  const results = useQuery<ExperimentResults>({
    queryKey,
    queryFn: ({ signal }) => fetchResults(experimentId, query, signal),
    initialData: query === initialQuery ? initialResults : undefined,
    initialDataUpdatedAt: query === initialQuery ? Date.parse(initialResults.computedAt) : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
  const [recomputing, setRecomputing] = useState(false);

  // Settings change the URL without a server round trip; useSearchParams follows pushState.
  const navigate = (search: string) => window.history.pushState(null, "", search ? `${pathname}?${search}` : pathname);
  const recompute = async () => {
    setRecomputing(true);
    try {
      queryClient.setQueryData(queryKey, await fetchResults(experimentId, query ? `${query}&refresh=1` : "refresh=1"));
    } catch {
      await results.refetch();
    } finally {
      setRecomputing(false);
    }
  };

  const data = results.data;
  const stale = results.isPlaceholderData;
  if (!data) {
    return (
      <div className="card empty" aria-live="polite" aria-busy={!results.isError}>
        {results.isError ? (
          <>
            <h2>Results could not be loaded</h2>
            <p>{results.error.message}</p>
            <button type="button" className="btn" onClick={() => void results.refetch()}>Try again</button>
          </>
        ) : (
          <p>Loading results…</p>
        )}
      </div>
    );
  }
  const chartMetric = data.metrics.find((m) => m.metricId === params.get("metric")) ?? data.metrics.find((m) => m.role === "primary") ?? data.metrics[0];
  const exportHref = (format: "csv" | "json") => `/api/v1/experiments/${encodeURIComponent(experimentId)}/export?format=${format}${query ? `&${query}` : ""}`;
  const startDate = data.experiment.startedAt?.slice(0, 10) ?? null;
  const noExposures = data.health.exposedUsers === 0;

  return (
    <div className="results" aria-busy={stale || recomputing}>
      <SettingsBar
        params={params}
        onChange={(key, value) => navigate(withParam(params, key, value))}
        breakdownOptions={breakdownOptions}
        minDate={startDate}
        maxDate={new Date().toISOString().slice(0, 10)}
      />
      <div className="status-line">
        <span aria-live="polite" className="muted small">
          {stale
            ? "Updating for the new settings…"
            : `Computed ${time(data.computedAt)}${data.cached ? " (cached)" : ""} · checks for new data every 30 s`}
          {results.isError && !stale && <span className="text-bad"> · Last refresh failed: {results.error.message}</span>}
        </span>
        <span className="row">
          {query && (
            <button type="button" className="btn" onClick={() => navigate("")}>
              Reset settings
            </button>
          )}
          <button type="button" className="btn" onClick={() => void recompute()} disabled={recomputing}>
            {recomputing ? "Recomputing…" : "Recompute now"}
          </button>
          <a className="btn" href={exportHref("csv")} download>Export CSV</a>
          <a className="btn" href={exportHref("json")} download>Export JSON</a>
        </span>
      </div>
      <div className={stale ? "results-body is-stale" : "results-body"}>
        <HealthPanel results={data} />
        {data.metrics.length === 0 ? (
          <div className="card empty">
            <h2>No metrics attached</h2>
            <p>Attach a primary metric to this experiment on its flag page to see which variation wins.</p>
          </div>
        ) : noExposures ? (
          <div className="card empty">
            <h2>No exposures yet</h2>
            <p>
              {data.experiment.status === "draft"
                ? "This experiment is a draft. Start it on its flag page; results appear as soon as SDKs report exposures."
                : `Waiting for the first exposure: SDKs send one when they evaluate the flag ${data.experiment.flagKey} for a user in this experiment${data.settings.from || data.settings.to ? " (or widen the date range)" : ""}.`}
            </p>
          </div>
        ) : (
          <>
            {data.metrics.map((metric) => (
              <MetricCard key={metric.metricId} metric={metric} variations={data.experiment.variations} settings={data.settings} />
            ))}
            {chartMetric && <ChartsPanel results={data} metric={chartMetric} onMetricChange={(id) => navigate(withParam(params, "metric", id))} />}
            {data.breakdown && chartMetric && <BreakdownPanel breakdown={data.breakdown} results={data} metric={chartMetric} />}
          </>
        )}
        {banditRuns && <BanditPanel runs={banditRuns} variations={data.experiment.variations} />}
      </div>
    </div>
  );
}
