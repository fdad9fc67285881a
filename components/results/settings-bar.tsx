"use client";

import { DEFAULT_SETTINGS } from "@/lib/results/model";

export interface BreakdownOption {
  value: string;
  label: string;
}

const ENGINES = [
  ["frequentist", "Frequentist"],
  ["bayesian", "Bayesian"],
  ["sequential", "Sequential"],
] as const;
const ENGINE_HINTS: Record<string, string> = {
  frequentist: "Read once, at the planned end",
  bayesian: "Chance to beat control",
  sequential: "Valid at every look",
};
const CONFIDENCES = ["0.8", "0.9", "0.95", "0.99"];
const CORRECTIONS = [
  ["none", "None"],
  ["holm", "Holm–Bonferroni"],
  ["bh", "Benjamini–Hochberg"],
] as const;
const MDES = ["0.01", "0.02", "0.05", "0.1", "0.2"];

/** Analysis settings. Every control writes to the URL, so a copied link reproduces the view. */
export function SettingsBar({
  params,
  onChange,
  breakdownOptions,
  minDate,
  maxDate,
}: {
  params: URLSearchParams;
  onChange: (key: string, value: string) => void;
  breakdownOptions: BreakdownOption[];
  minDate: string | null;
  maxDate: string;
}) {
  const value = (key: string, fallback: string) => params.get(key) ?? fallback;
  const engine = value("engine", DEFAULT_SETTINGS.engine);
  const breakdown = params.get("breakdown") ?? "";
  const options = breakdown && !breakdownOptions.some((o) => o.value === breakdown) ? [...breakdownOptions, { value: breakdown, label: breakdown }] : breakdownOptions;
  return (
    <form className="card settings-bar" aria-label="Analysis settings" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="set-engine">Engine</label>
        <select
          id="set-engine"
          className="input"
          value={engine}
          aria-describedby="set-engine-hint"
          onChange={(e) => onChange("engine", e.target.value)}
        >
          {ENGINES.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
        </select>
        <span id="set-engine-hint" className="hint">{ENGINE_HINTS[engine] ?? ""}</span>
      </div>
      <div className="field">
        <label htmlFor="set-confidence">{engine === "bayesian" ? "Credible level" : "Confidence"}</label>
        <select id="set-confidence" className="input" value={value("confidence", String(DEFAULT_SETTINGS.confidence))} onChange={(e) => onChange("confidence", e.target.value)}>
          {CONFIDENCES.map((c) => <option key={c} value={c}>{Number(c) * 100}%</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="set-correction">Correction</label>
        <select
          id="set-correction"
          className="input"
          value={value("correction", DEFAULT_SETTINGS.correction)}
          disabled={engine === "bayesian"}
          aria-describedby={engine === "bayesian" ? "set-correction-hint" : undefined}
          onChange={(e) => onChange("correction", e.target.value)}
        >
          {CORRECTIONS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
        </select>
        {engine === "bayesian" && <span id="set-correction-hint" className="hint">Not used by Bayesian</span>}
      </div>
      <div className="field">
        <label htmlFor="set-breakdown">Break down by</label>
        <select id="set-breakdown" className="input" value={breakdown} onChange={(e) => onChange("breakdown", e.target.value)}>
          <option value="">No breakdown</option>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="set-from">From</label>
        <input id="set-from" type="date" className="input" value={params.get("from") ?? ""} min={minDate ?? undefined} max={params.get("to") ?? maxDate} onChange={(e) => onChange("from", e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="set-to">To</label>
        <input id="set-to" type="date" className="input" value={params.get("to") ?? ""} min={params.get("from") ?? minDate ?? undefined} max={maxDate} onChange={(e) => onChange("to", e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="set-mde">Effect to detect</label>
        <select id="set-mde" className="input" value={value("mde", String(DEFAULT_SETTINGS.mde))} onChange={(e) => onChange("mde", e.target.value)}>
          {MDES.map((m) => <option key={m} value={m}>±{Number(m) * 100}%</option>)}
        </select>
      </div>
    </form>
  );
}
