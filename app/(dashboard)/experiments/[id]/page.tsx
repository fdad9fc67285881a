import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/results/badges";
import { day, daysBetween, percent } from "@/components/results/format";
import { ResultsView } from "@/components/results/results-view";
import { settingsQuery } from "@/components/results/url-settings";
import { listBanditRuns } from "@/lib/bandit";
import { getDatabase } from "@/lib/db";
import { DEFAULT_SETTINGS, getExperimentResults, parseResultSettings } from "@/lib/results";
import { loadBreakdownOptions } from "./breakdown-options";

export const metadata: Metadata = { title: "Experiment results" };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ExperimentPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const query = settingsQuery(await searchParams);
  const parsed = parseResultSettings(new URLSearchParams(query));
  const settings = parsed.ok ? parsed.settings : DEFAULT_SETTINGS;
  const db = await getDatabase();
  // The server renders the first numbers, so the page is useful before any client code runs.
  const results = await getExperimentResults(db, id, settings);
  if (!results) notFound();
  const { experiment } = results;
  const [breakdownOptions, runs] = await Promise.all([
    loadBreakdownOptions(db, experiment.environmentId, experiment.flagKey),
    experiment.type === "multi-armed-bandit" ? listBanditRuns(db, id, 200) : null,
  ]);
  const days = experiment.status === "draft" ? null : daysBetween(experiment.startedAt, experiment.stoppedAt);

  return (
    <>
      <nav aria-label="Breadcrumb" className="small muted breadcrumb">
        <Link href="/experiments">Experiments</Link> <span aria-hidden>/</span> {experiment.name}
      </nav>
      <header className="page-header experiment-header">
        <div>
          <h1>{experiment.name}</h1>
          <p className="subtitle">
            {experiment.type === "multi-armed-bandit" ? "Multi-armed bandit" : "A/B test"} on flag{" "}
            <Link href="/flags" className="mono">{experiment.flagKey}</Link> in {experiment.environment}
          </p>
        </div>
        <StatusBadge status={experiment.status} />
      </header>
      <section className="card experiment-facts" aria-label="About this experiment">
        <div className="fact fact-wide">
          <div className="fact-label">Hypothesis</div>
          <div>{experiment.hypothesis || <span className="muted">No hypothesis written.</span>}</div>
        </div>
        <div className="fact">
          <div className="fact-label">{experiment.type === "multi-armed-bandit" ? "Current allocation" : "Allocation"}</div>
          <ul className="allocation">
            {experiment.variations.map((v, i) => (
              <li key={v.key}>
                <span className={`swatch swatch-${i % 5}`} aria-hidden />
                {v.name} <span className="muted">{percent(v.weight, 0)}</span>
                {i === 0 && <span className="muted small"> · control</span>}
              </li>
            ))}
          </ul>
        </div>
        <div className="fact">
          <div className="fact-label">Started</div>
          <div>{day(experiment.startedAt)}</div>
          {days !== null && (
            <div className="muted small">
              {experiment.stoppedAt ? `stopped ${day(experiment.stoppedAt)} after ${days} days` : `running for ${days} day${days === 1 ? "" : "s"}`}
            </div>
          )}
        </div>
      </section>
      {!parsed.ok && (
        <p className="form-error" role="alert">
          The link has an invalid setting ({parsed.error}); showing the default analysis instead.
        </p>
      )}
      <ResultsView
        experimentId={id}
        initialQuery={query}
        initialResults={results}
        breakdownOptions={breakdownOptions}
        banditRuns={runs ? [...runs].reverse() : null}
      />
    </>
  );
}
