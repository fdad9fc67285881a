"use client";

import { useState, type FormEvent } from "react";
import type { AdminAction } from "@/lib/admin/form-state";
import { OPERATORS, RULE_TYPES } from "@/lib/admin/rule-schema";
import { RULE_TYPE_LABELS } from "@/lib/admin/rule-types";
import { ConditionRows, conditionsToInput, newConditionRow, withRowId, type ConditionRow } from "./condition-rows";
import type { RuleFormData } from "./form-data";
import { Field, FieldError, FormStatus, RemoveButton, SubmitButton, invalid } from "./form-parts";
import { METRIC_KIND_LABELS, formatPercent } from "./labels";
import { rowId, useAdminForm } from "./use-admin-form";

const TYPE_HELP: Record<string, string> = {
  "ab-test": "Split users between variations at fixed weights and measure the difference.",
  "multi-armed-bandit": "Start even, then send more users to the variation that converts best.",
  targeted: "Give a variation to an audience or a share of users. Not an experiment.",
};

interface MetricOption {
  id: string;
  name: string;
  kind: string;
}

interface Props {
  action: AdminAction;
  initial?: RuleFormData;
  /** Create only: the environment the rule is added to. */
  environment?: string;
  variations: Array<{ key: string; name: string }>;
  metrics: MetricOption[];
  /** A started rule keeps its key and type. */
  locked: boolean;
  submitLabel: string;
}

type RuleFormState = Omit<RuleFormData, "audiences" | "allowlist"> & {
  audiences: Array<{ id: string; conditions: ConditionRow[] }>;
  allowlist: Array<{ id: string; userId: string; variation: string }>;
};

/** Equal whole percentages; the first variations take the remainder (34/33/33). */
function evenWeights(keys: string[]): Record<string, string> {
  const base = Math.floor(100 / keys.length);
  return Object.fromEntries(keys.map((key, i) => [key, String(base + (i < 100 - base * keys.length ? 1 : 0))]));
}

function toState(initial: RuleFormData | undefined, variationKeys: string[]): RuleFormState {
  const data: RuleFormData = initial ?? {
    key: "",
    name: "",
    type: "ab-test",
    hypothesis: "",
    trafficPercentage: "100",
    audienceMatchType: "all",
    audiences: [],
    allowlist: [],
    weights: evenWeights(variationKeys),
    primaryMetric: "",
    secondaryMetrics: [],
    guardrailMetrics: [],
  };
  return {
    ...data,
    weights: { ...Object.fromEntries(variationKeys.map((key) => [key, "0"])), ...data.weights },
    audiences: data.audiences.map((conditions) => ({ id: rowId(), conditions: conditions.map(withRowId) })),
    allowlist: data.allowlist.map((entry) => ({ id: rowId(), ...entry })),
  };
}

function MetricChecklist(props: { legend: string; metrics: MetricOption[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  return (
    <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="label">{props.legend}</legend>
      {props.metrics.length === 0 && <span className="muted">No metrics yet.</span>}
      <div className="row" style={{ gap: 12 }}>
        {props.metrics.map((metric) => (
          <label key={metric.id} className="row" style={{ gap: 4 }}>
            <input
              type="checkbox"
              checked={props.chosen.includes(metric.id)}
              onChange={(e) => props.onChange(e.target.checked ? [...props.chosen, metric.id] : props.chosen.filter((id) => id !== metric.id))}
            />
            {metric.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A rule of a flag in one environment: a targeted rollout, an A/B test or a bandit. */
export function RuleForm(props: Props) {
  const variationKeys = props.variations.map((v) => v.key);
  const { state, pending, submit, errorOf } = useAdminForm(props.action);
  const [values, setValues] = useState(() => toState(props.initial, variationKeys));
  const set = (patch: Partial<RuleFormState>) => setValues((v) => ({ ...v, ...patch }));
  const experiment = values.type !== "targeted";
  const weightTotal = variationKeys.reduce((sum, key) => sum + (Number(values.weights[key]) || 0), 0);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({
      ...(props.environment ? { environment: props.environment } : {}),
      key: values.key,
      name: values.name,
      type: values.type,
      hypothesis: experiment ? values.hypothesis : "",
      trafficPercentage: values.trafficPercentage,
      audienceMatchType: values.audienceMatchType,
      audiences: values.audiences.map((audience) => ({ conditions: conditionsToInput(audience.conditions, "attribute") })),
      allowlist: values.allowlist.map(({ userId, variation }) => ({ userId, variation })),
      weights: values.weights,
      metrics: experiment
        ? {
            primary: values.primaryMetric,
            // The lists hide the primary metric, but may still hold it from before it became primary.
            secondary: values.secondaryMetrics.filter((id) => id !== values.primaryMetric),
            guardrail: values.guardrailMetrics.filter((id) => id !== values.primaryMetric),
          }
        : {},
    });
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormStatus state={state} />
      <div className="card stack">
        <h2>Rule</h2>
        <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="label">Type</legend>
          <div className="grid-2" style={{ gap: 8, gridTemplateColumns: "repeat(auto-fit, minmax(220px, 1fr))" }}>
            {RULE_TYPES.map((type) => (
              <label key={type} className="card" style={{ margin: 0, padding: "10px 12px", cursor: props.locked ? "default" : "pointer", borderColor: values.type === type ? "var(--accent)" : undefined, opacity: props.locked && values.type !== type ? 0.5 : 1 }}>
                <span className="row">
                  <input type="radio" name="type" value={type} checked={values.type === type} disabled={props.locked} onChange={() => set({ type })} />
                  <strong>{RULE_TYPE_LABELS[type]}</strong>
                </span>
                <span className="hint">{TYPE_HELP[type]}</span>
              </label>
            ))}
          </div>
          <FieldError id="type" message={errorOf("type")} />
        </fieldset>
        <div className="grid-2">
          <Field label="Name" htmlFor="name" error={errorOf("name")}>
            <input className="input" id="name" value={values.name} onChange={(e) => set({ name: e.target.value })} placeholder="Shorter checkout" {...invalid("name", errorOf("name"))} />
          </Field>
          <Field label="Key" htmlFor="key" error={errorOf("key")} hint={props.locked ? "Fixed once the rule has started." : "Recorded with every exposure. Letters, digits, - and _."}>
            <input className="input mono" id="key" value={values.key} disabled={props.locked} onChange={(e) => set({ key: e.target.value })} placeholder="checkout-test" {...invalid("key", errorOf("key"))} />
          </Field>
        </div>
        {experiment && (
          <Field label="Hypothesis" htmlFor="hypothesis" error={errorOf("hypothesis")} hint="What you expect to happen and why, e.g. “A one-page checkout raises purchases because it has fewer steps.”">
            <textarea className="input" id="hypothesis" rows={3} value={values.hypothesis} onChange={(e) => set({ hypothesis: e.target.value })} {...invalid("hypothesis", errorOf("hypothesis"))} />
          </Field>
        )}
      </div>

      <div className="card stack">
        <h2>Who is included</h2>
        <Field label="Traffic (%)" htmlFor="trafficPercentage" error={errorOf("trafficPercentage")} hint="Share of the matching users who enter the rule; the others fall through to the next rule.">
          <input className="input" id="trafficPercentage" inputMode="decimal" style={{ maxWidth: 140 }} value={values.trafficPercentage} onChange={(e) => set({ trafficPercentage: e.target.value })} {...invalid("trafficPercentage", errorOf("trafficPercentage"))} />
        </Field>
        <div className="stack" style={{ gap: 8 }}>
          <div className="row">
            <span className="label">Audiences</span>
            {values.audiences.length > 1 && (
              <select className="input" aria-label="Audience match" style={{ width: "auto" }} value={values.audienceMatchType} onChange={(e) => set({ audienceMatchType: e.target.value })}>
                <option value="all">users must match all audiences</option>
                <option value="any">users must match any audience</option>
              </select>
            )}
          </div>
          <span className="hint">
            {values.audiences.length === 0 ? "Everyone. Add an audience to target users by their attributes." : "Conditions inside one audience must all match. Users without an attribute do not match it."}
          </span>
          <FieldError message={errorOf("audiences")} />
          {values.audiences.map((audience, index) => (
            <div key={audience.id} className="card stack" style={{ margin: 0, background: "var(--surface-2)" }}>
              <div className="row" style={{ justifyContent: "space-between" }}>
                <h3 style={{ margin: 0 }}>Audience {index + 1}</h3>
                <RemoveButton label={`Remove audience ${index + 1}`} onClick={() => set({ audiences: values.audiences.filter((a) => a.id !== audience.id) })} />
              </div>
              <FieldError message={errorOf(`audiences.${index}.conditions`)} />
              <ConditionRows
                rows={audience.conditions}
                onChange={(conditions) => set({ audiences: values.audiences.map((a) => (a.id === audience.id ? { ...a, conditions } : a)) })}
                operators={OPERATORS}
                subjectField="attribute"
                subjectPlaceholder="user attribute, e.g. country"
                path={`audiences.${index}.conditions`}
                errorOf={errorOf}
              />
            </div>
          ))}
          <div>
            <button type="button" className="btn" onClick={() => set({ audiences: [...values.audiences, { id: rowId(), conditions: [newConditionRow()] }] })}>
              + Add audience
            </button>
          </div>
        </div>
      </div>

      <div className="card stack">
        <div>
          <h2>Variation weights</h2>
          <p className="hint" style={{ margin: 0 }}>
            {values.type === "multi-armed-bandit" ? "Starting weights; the bandit adjusts them as results come in." : "Relative shares of the included users. Changing them while an experiment runs skews its results."}
          </p>
        </div>
        <FieldError message={errorOf("weights")} />
        <div className="row" style={{ gap: 16, alignItems: "flex-start" }}>
          {props.variations.map((variation) => {
            const id = `weights.${variation.key}`;
            const share = weightTotal > 0 ? ((Number(values.weights[variation.key]) || 0) / weightTotal) * 100 : 0;
            return (
              <div key={variation.key} className="field" style={{ width: 140 }}>
                <label htmlFor={id} className="mono">{variation.key}</label>
                <input className="input" id={id} inputMode="decimal" value={values.weights[variation.key] ?? ""} onChange={(e) => set({ weights: { ...values.weights, [variation.key]: e.target.value } })} {...invalid(id, errorOf(id))} />
                <span className="hint">{formatPercent(share)} of users</span>
                <FieldError id={id} message={errorOf(id)} />
              </div>
            );
          })}
        </div>
      </div>

      <div className="card stack">
        <div>
          <h2>Allowlist</h2>
          <p className="hint" style={{ margin: 0 }}>Users who always get a given variation, e.g. for QA. They skip audiences and traffic.</p>
        </div>
        {values.allowlist.map((entry, index) => {
          const at = `allowlist.${index}`;
          return (
            <div key={entry.id} className="row" style={{ alignItems: "flex-start" }}>
              <div className="field" style={{ flex: "1 1 200px" }}>
                <input className="input mono" id={`${at}.userId`} aria-label={`User id ${index + 1}`} placeholder="user id" value={entry.userId} onChange={(e) => set({ allowlist: values.allowlist.map((a) => (a.id === entry.id ? { ...a, userId: e.target.value } : a)) })} {...invalid(`${at}.userId`, errorOf(`${at}.userId`))} />
                <FieldError id={`${at}.userId`} message={errorOf(`${at}.userId`)} />
              </div>
              <div className="field" style={{ flex: "0 1 180px" }}>
                <select className="input" id={`${at}.variation`} aria-label={`Variation for user ${index + 1}`} value={entry.variation} onChange={(e) => set({ allowlist: values.allowlist.map((a) => (a.id === entry.id ? { ...a, variation: e.target.value } : a)) })} {...invalid(`${at}.variation`, errorOf(`${at}.variation`))}>
                  {variationKeys.map((key) => <option key={key} value={key}>{key}</option>)}
                </select>
                <FieldError id={`${at}.variation`} message={errorOf(`${at}.variation`)} />
              </div>
              <RemoveButton label={`Remove user ${index + 1}`} onClick={() => set({ allowlist: values.allowlist.filter((a) => a.id !== entry.id) })} />
            </div>
          );
        })}
        <div>
          <button type="button" className="btn" onClick={() => set({ allowlist: [...values.allowlist, { id: rowId(), userId: "", variation: variationKeys[variationKeys.length - 1] ?? "" }] })}>
            + Add user
          </button>
        </div>
      </div>

      {experiment && (
        <div className="card stack">
          <div>
            <h2>Metrics</h2>
            <p className="hint" style={{ margin: 0 }}>The primary metric decides the experiment. Secondary metrics add context; guardrails warn when something gets worse.</p>
          </div>
          <FieldError message={errorOf("metrics")} />
          <Field label="Primary metric" htmlFor="metrics.primary" error={errorOf("metrics.primary")} hint={values.type === "multi-armed-bandit" ? "A bandit needs a conversion metric." : undefined}>
            <select className="input" id="metrics.primary" style={{ maxWidth: 420 }} value={values.primaryMetric} onChange={(e) => set({ primaryMetric: e.target.value })} {...invalid("metrics.primary", errorOf("metrics.primary"))}>
              <option value="">Choose a metric…</option>
              {props.metrics.map((m) => (
                <option key={m.id} value={m.id} disabled={values.type === "multi-armed-bandit" && m.kind !== "conversion"}>
                  {m.name} ({METRIC_KIND_LABELS[m.kind] ?? m.kind})
                </option>
              ))}
            </select>
          </Field>
          <MetricChecklist legend="Secondary metrics" metrics={props.metrics.filter((m) => m.id !== values.primaryMetric)} chosen={values.secondaryMetrics} onChange={(secondaryMetrics) => set({ secondaryMetrics })} />
          <FieldError message={errorOf("metrics.secondary")} />
          <MetricChecklist legend="Guardrail metrics" metrics={props.metrics.filter((m) => m.id !== values.primaryMetric)} chosen={values.guardrailMetrics} onChange={(guardrailMetrics) => set({ guardrailMetrics })} />
          <FieldError message={errorOf("metrics.guardrail")} />
        </div>
      )}
      <div className="row">
        <SubmitButton pending={pending} label={props.submitLabel} />
      </div>
    </form>
  );
}
