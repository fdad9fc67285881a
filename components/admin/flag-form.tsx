"use client";

import { useState, type FormEvent } from "react";
import type { AdminAction } from "@/lib/admin/form-state";
import { VARIABLE_TYPES } from "@/lib/admin/variable-values";
import type { FlagFormData } from "./form-data";
import { Field, FieldError, FormStatus, RemoveButton, SubmitButton, invalid } from "./form-parts";
import { rowId, useAdminForm } from "./use-admin-form";

interface VariableRow {
  id: string;
  key: string;
  type: string;
  defaultValue: string;
}

interface VariationRow {
  id: string;
  key: string;
  name: string;
  /** Per-variable override as typed, by variable row id; "" means "use the default". */
  values: Record<string, string>;
}

interface FlagFormState {
  key: string;
  name: string;
  description: string;
  variables: VariableRow[];
  variations: VariationRow[];
}

const DEFAULT_FLAG: FlagFormData = {
  key: "",
  name: "",
  description: "",
  variables: [],
  variations: [
    { key: "off", name: "Off", values: {} },
    { key: "on", name: "On", values: {} },
  ],
};

/** Rows get ids for React keys; overrides are keyed by variable row id so renaming a variable keeps them. */
function toState(data: FlagFormData): FlagFormState {
  const variables = data.variables.map((v) => ({ id: rowId(), ...v }));
  const idOf = new Map(variables.map((v) => [v.key, v.id]));
  return {
    ...data,
    variables,
    variations: data.variations.map((variation) => ({
      id: rowId(),
      key: variation.key,
      name: variation.name,
      values: Object.fromEntries(Object.entries(variation.values).map(([key, value]) => [idOf.get(key) ?? key, value])),
    })),
  };
}

function ValueInput(props: { id: string; type: string; value: string; onChange: (v: string) => void; error?: string; allowEmpty: boolean; label: string }) {
  if (props.type === "boolean") {
    return (
      <select className="input" id={props.id} aria-label={props.label} value={props.value} onChange={(e) => props.onChange(e.target.value)} {...invalid(props.id, props.error)}>
        {props.allowEmpty && <option value="">(default)</option>}
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  return (
    <input
      className={`input${props.type === "json" ? " mono" : ""}`}
      id={props.id}
      aria-label={props.label}
      value={props.value}
      placeholder={props.allowEmpty ? "(default)" : props.type === "json" ? '{"key": "value"}' : ""}
      onChange={(e) => props.onChange(e.target.value)}
      {...invalid(props.id, props.error)}
    />
  );
}

/** Create (with a key) or edit (key fixed) a flag: its variations and typed variables. */
export function FlagForm(props: { action: AdminAction; initial?: FlagFormData; submitLabel: string }) {
  const isNew = !props.initial;
  const { state, pending, submit, errorOf } = useAdminForm(props.action);
  const [values, setValues] = useState(() => toState(props.initial ?? DEFAULT_FLAG));
  const set = (patch: Partial<FlagFormState>) => setValues((v) => ({ ...v, ...patch }));
  const setVariable = (id: string, patch: Partial<VariableRow>) =>
    set({ variables: values.variables.map((v) => (v.id === id ? { ...v, ...patch } : v)) });
  const setVariation = (id: string, patch: Partial<VariationRow>) =>
    set({ variations: values.variations.map((v) => (v.id === id ? { ...v, ...patch } : v)) });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({
      ...(isNew ? { key: values.key } : {}),
      name: values.name,
      description: values.description,
      variables: values.variables.map(({ key, type, defaultValue }) => ({ key, type, defaultValue })),
      variations: values.variations.map((variation) => ({
        key: variation.key,
        name: variation.name,
        variables: Object.fromEntries(values.variables.map((v) => [v.key, variation.values[v.id] ?? ""])),
      })),
    });
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormStatus state={state} />
      <div className="card stack">
        <h2>Flag</h2>
        <div className="grid-2">
          <Field label="Key" htmlFor="key" error={errorOf("key")} hint={isNew ? "What your code asks for. Letters, digits, - and _; cannot change later." : "Keys cannot change."}>
            <input className="input mono" id="key" value={values.key} disabled={!isNew} onChange={(e) => set({ key: e.target.value })} placeholder="new-checkout" {...invalid("key", errorOf("key"))} />
          </Field>
          <Field label="Name" htmlFor="name" error={errorOf("name")}>
            <input className="input" id="name" value={values.name} onChange={(e) => set({ name: e.target.value })} placeholder="New checkout" {...invalid("name", errorOf("name"))} />
          </Field>
        </div>
        <Field label="Description" htmlFor="description" error={errorOf("description")}>
          <textarea className="input" id="description" rows={2} value={values.description} onChange={(e) => set({ description: e.target.value })} />
        </Field>
      </div>

      <div className="card stack">
        <div>
          <h2>Variables</h2>
          <p className="hint" style={{ margin: 0 }}>Optional values your code reads from the flag, e.g. a button label. Each variation can override the default.</p>
        </div>
        <FieldError message={errorOf("variables")} />
        {values.variables.map((variable, index) => {
          const at = `variables.${index}`;
          return (
            <div key={variable.id} className="row" style={{ alignItems: "flex-start" }}>
              <div className="field" style={{ flex: "1 1 160px" }}>
                <input className="input mono" id={`${at}.key`} aria-label={`Variable ${index + 1} key`} placeholder="key" value={variable.key} onChange={(e) => setVariable(variable.id, { key: e.target.value })} {...invalid(`${at}.key`, errorOf(`${at}.key`))} />
                <FieldError id={`${at}.key`} message={errorOf(`${at}.key`)} />
              </div>
              <div className="field" style={{ flex: "0 1 130px" }}>
                <select className="input" id={`${at}.type`} aria-label={`Variable ${index + 1} type`} value={variable.type} onChange={(e) => setVariable(variable.id, { type: e.target.value, defaultValue: e.target.value === "boolean" ? "false" : "" })}>
                  {VARIABLE_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
                <FieldError id={`${at}.type`} message={errorOf(`${at}.type`)} />
              </div>
              <div className="field" style={{ flex: "1 1 200px" }}>
                <ValueInput id={`${at}.defaultValue`} label={`Variable ${index + 1} default value`} type={variable.type} value={variable.defaultValue} allowEmpty={false} onChange={(defaultValue) => setVariable(variable.id, { defaultValue })} error={errorOf(`${at}.defaultValue`)} />
                <FieldError id={`${at}.defaultValue`} message={errorOf(`${at}.defaultValue`)} />
              </div>
              <RemoveButton label={`Remove variable ${index + 1}`} onClick={() => set({ variables: values.variables.filter((v) => v.id !== variable.id) })} />
            </div>
          );
        })}
        <div>
          <button type="button" className="btn" onClick={() => set({ variables: [...values.variables, { id: rowId(), key: "", type: "string", defaultValue: "" }] })}>
            + Add variable
          </button>
        </div>
      </div>

      <div className="card stack">
        <div>
          <h2>Variations</h2>
          <p className="hint" style={{ margin: 0 }}>At least two. The first one is the control that experiments compare against.</p>
        </div>
        <FieldError message={errorOf("variations")} />
        <div style={{ overflowX: "auto" }}>
          <table className="table">
            <thead>
              <tr>
                <th>Key</th>
                <th>Name</th>
                {values.variables.map((v) => <th key={v.id} className="mono">{v.key || "(variable)"}</th>)}
                <th />
              </tr>
            </thead>
            <tbody>
              {values.variations.map((variation, index) => {
                const at = `variations.${index}`;
                return (
                  <tr key={variation.id}>
                    <td>
                      <div className="field">
                        <input className="input mono" id={`${at}.key`} aria-label={`Variation ${index + 1} key`} value={variation.key} onChange={(e) => setVariation(variation.id, { key: e.target.value })} {...invalid(`${at}.key`, errorOf(`${at}.key`))} />
                        {index === 0 && <span className="hint">control</span>}
                        <FieldError id={`${at}.key`} message={errorOf(`${at}.key`)} />
                      </div>
                    </td>
                    <td>
                      <input className="input" aria-label={`Variation ${index + 1} name`} value={variation.name} onChange={(e) => setVariation(variation.id, { name: e.target.value })} />
                    </td>
                    {values.variables.map((variable) => {
                      const id = `${at}.variables.${variable.key}`;
                      return (
                        <td key={variable.id}>
                          <ValueInput id={id} label={`${variable.key} for ${variation.key}`} type={variable.type} value={variation.values[variable.id] ?? ""} allowEmpty onChange={(value) => setVariation(variation.id, { values: { ...variation.values, [variable.id]: value } })} error={errorOf(id)} />
                          <FieldError id={id} message={errorOf(id)} />
                        </td>
                      );
                    })}
                    <td>
                      <RemoveButton label={`Remove variation ${index + 1}`} onClick={() => set({ variations: values.variations.filter((v) => v.id !== variation.id) })} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div>
          <button type="button" className="btn" onClick={() => set({ variations: [...values.variations, { id: rowId(), key: "", name: "", values: {} }] })}>
            + Add variation
          </button>
        </div>
      </div>
      <div className="row">
        <SubmitButton pending={pending} label={props.submitLabel} />
      </div>
    </form>
  );
}
