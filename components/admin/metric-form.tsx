"use client";

import { useState, type FormEvent } from "react";
import type { AdminAction } from "@/lib/admin/form-state";
import { FILTER_OPERATORS, METRIC_KINDS } from "@/lib/admin/metric-schema";
import { ConditionRows, conditionsToInput, withRowId, type ConditionRow } from "./condition-rows";
import type { MetricFormData } from "./form-data";
import { Field, FieldError, FormStatus, SubmitButton, invalid } from "./form-parts";
import { METRIC_KIND_HELP, METRIC_KIND_LABELS } from "./labels";
import { useAdminForm } from "./use-admin-form";

const DEFAULT_METRIC: MetricFormData = {
  name: "",
  description: "",
  eventKey: "",
  kind: "conversion",
  direction: "higher",
  windowHours: "",
  winsorizePercentile: "",
  filters: [],
};

type MetricFormState = Omit<MetricFormData, "filters"> & { filters: ConditionRow[] };

export function MetricForm(props: { action: AdminAction; initial?: MetricFormData; eventKeys: string[]; submitLabel: string }) {
  const { state, pending, submit, errorOf } = useAdminForm(props.action);
  const [values, setValues] = useState<MetricFormState>(() => {
    const initial = props.initial ?? DEFAULT_METRIC;
    return { ...initial, filters: initial.filters.map(withRowId) };
  });
  const set = (patch: Partial<MetricFormState>) => setValues((v) => ({ ...v, ...patch }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({ ...values, filters: conditionsToInput(values.filters, "property") });
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormStatus state={state} />
      <div className="card stack">
        <h2>What it measures</h2>
        <Field label="Name" htmlFor="name" error={errorOf("name")}>
          <input className="input" id="name" value={values.name} onChange={(e) => set({ name: e.target.value })} placeholder="Checkout conversion" {...invalid("name", errorOf("name"))} />
        </Field>
        <Field label="Description" htmlFor="description" error={errorOf("description")} hint="Optional: what the metric tells the team.">
          <textarea className="input" id="description" rows={2} value={values.description} onChange={(e) => set({ description: e.target.value })} {...invalid("description", errorOf("description"))} />
        </Field>
        <Field label="Event" htmlFor="eventKey" error={errorOf("eventKey")} hint="Pick an event your apps already send, or type the key of one you will send.">
          <input className="input mono" id="eventKey" list="event-keys" value={values.eventKey} onChange={(e) => set({ eventKey: e.target.value })} placeholder="purchase_completed" autoComplete="off" {...invalid("eventKey", errorOf("eventKey"))} />
          <datalist id="event-keys">
            {props.eventKeys.map((key) => <option key={key} value={key} />)}
          </datalist>
        </Field>
        <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="label">Kind</legend>
          <div className="grid-2" style={{ gap: 8 }}>
            {METRIC_KINDS.map((kind) => (
              <label key={kind} className="card" style={{ margin: 0, padding: "10px 12px", cursor: "pointer", borderColor: values.kind === kind ? "var(--accent)" : undefined }}>
                <span className="row">
                  <input type="radio" name="kind" value={kind} checked={values.kind === kind} onChange={() => set({ kind })} />
                  <strong>{METRIC_KIND_LABELS[kind]}</strong>
                </span>
                <span className="hint">{METRIC_KIND_HELP[kind]}</span>
              </label>
            ))}
          </div>
          <FieldError id="kind" message={errorOf("kind")} />
        </fieldset>
        <Field label="Better when the metric is" htmlFor="direction" error={errorOf("direction")}>
          <select className="input" id="direction" value={values.direction} onChange={(e) => set({ direction: e.target.value })} style={{ maxWidth: 240 }}>
            <option value="higher">Higher (e.g. purchases)</option>
            <option value="lower">Lower (e.g. errors, churn)</option>
          </select>
        </Field>
      </div>

      <div className="card stack">
        <h2>Only count some events</h2>
        <p className="hint" style={{ margin: 0 }}>Filters on the event&apos;s metadata, all of which must match. Leave empty to count every event with this key.</p>
        <FieldError message={errorOf("filters")} />
        <ConditionRows
          rows={values.filters}
          onChange={(filters) => set({ filters })}
          operators={FILTER_OPERATORS}
          subjectField="property"
          subjectPlaceholder="metadata property, e.g. plan"
          path="filters"
          errorOf={errorOf}
        />
      </div>

      <div className="card stack">
        <h2>Advanced</h2>
        <div className="grid-2">
          <Field label="Conversion window (hours)" htmlFor="windowHours" error={errorOf("windowHours")} hint="Only count events this long after a user's first exposure. Empty: no limit.">
            <input className="input" id="windowHours" inputMode="numeric" value={values.windowHours} onChange={(e) => set({ windowHours: e.target.value })} placeholder="e.g. 72" {...invalid("windowHours", errorOf("windowHours"))} />
          </Field>
          <Field label="Cap outliers at percentile" htmlFor="winsorizePercentile" error={errorOf("winsorizePercentile")} hint="For count, value and ratio metrics: values above this percentile count as the percentile (e.g. 0.99). Empty: no cap.">
            <input className="input" id="winsorizePercentile" inputMode="decimal" value={values.winsorizePercentile} onChange={(e) => set({ winsorizePercentile: e.target.value })} placeholder="e.g. 0.99" {...invalid("winsorizePercentile", errorOf("winsorizePercentile"))} />
          </Field>
        </div>
      </div>
      <div className="row">
        <SubmitButton pending={pending} label={props.submitLabel} />
      </div>
    </form>
  );
}
