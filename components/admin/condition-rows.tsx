"use client";

import type { ConditionData } from "./form-data";
import { FieldError, RemoveButton, invalid } from "./form-parts";
import { OPERATOR_LABELS } from "./labels";
import { rowId } from "./use-admin-form";

export type ConditionRow = ConditionData & { id: string };

export const withRowId = (condition: ConditionData): ConditionRow => ({ id: rowId(), ...condition });


export const newConditionRow = (): ConditionRow => ({ id: rowId(), subject: "", operator: "equals", value: "" });

interface Props {
  rows: ConditionRow[];
  onChange: (rows: ConditionRow[]) => void;
  operators: readonly string[];
  /** "property" for metric filters, "attribute" for audiences: the name of the subject in the API. */
  subjectField: "property" | "attribute";
  subjectPlaceholder: string;
  /** Path of the list in field errors, e.g. "filters" or "audiences.0.conditions". */
  path: string;
  errorOf: (path: string) => string | undefined;
}

/** Rows of "subject operator value", as used by metric filters and audience conditions. */
export function ConditionRows({ rows, onChange, operators, subjectField, subjectPlaceholder, path, errorOf }: Props) {
  const update = (id: string, patch: Partial<ConditionRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <div className="stack" style={{ gap: 8 }}>
      {rows.map((row, index) => {
        const at = `${path}.${index}`;
        const ids = { subject: `${at}.${subjectField}`, operator: `${at}.operator`, value: `${at}.value` };
        const errors = { subject: errorOf(ids.subject), operator: errorOf(ids.operator), value: errorOf(ids.value) };
        const list = row.operator === "in" || row.operator === "not_in";
        return (
          <div key={row.id} className="row" style={{ alignItems: "flex-start" }}>
            <div className="field" style={{ flex: "1 1 160px" }}>
              <input
                className="input"
                id={ids.subject}
                aria-label={`${subjectField} ${index + 1}`}
                placeholder={subjectPlaceholder}
                value={row.subject}
                onChange={(e) => update(row.id, { subject: e.target.value })}
                {...invalid(ids.subject, errors.subject)}
              />
              <FieldError id={ids.subject} message={errors.subject} />
            </div>
            <div className="field" style={{ flex: "0 1 170px" }}>
              <select
                className="input"
                id={ids.operator}
                aria-label={`operator ${index + 1}`}
                value={row.operator}
                onChange={(e) => update(row.id, { operator: e.target.value })}
                {...invalid(ids.operator, errors.operator)}
              >
                {operators.map((op) => (
                  <option key={op} value={op}>{OPERATOR_LABELS[op] ?? op}</option>
                ))}
              </select>
              <FieldError id={ids.operator} message={errors.operator} />
            </div>
            <div className="field" style={{ flex: "1 1 160px" }}>
              <input
                className="input"
                id={ids.value}
                aria-label={`value ${index + 1}`}
                placeholder={list ? "a, b, c" : "value"}
                value={row.value}
                onChange={(e) => update(row.id, { value: e.target.value })}
                {...invalid(ids.value, errors.value)}
              />
              <FieldError id={ids.value} message={errors.value} />
            </div>
            <RemoveButton label={`Remove condition ${index + 1}`} onClick={() => onChange(rows.filter((r) => r.id !== row.id))} />
          </div>
        );
      })}
      <div>
        <button type="button" className="btn" onClick={() => onChange([...rows, newConditionRow()])}>
          + Add condition
        </button>
      </div>
    </div>
  );
}

/** The API shape of condition rows. */
export const conditionsToInput = (rows: ConditionRow[], subjectField: "property" | "attribute") =>
  rows.map((row) => ({ [subjectField]: row.subject, operator: row.operator, value: row.value }));
