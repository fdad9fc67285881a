"use client";

import { useState, type FormEvent } from "react";
import type { AdminAction } from "@/lib/admin/form-state";
import { FieldError, FormStatus, SubmitButton, invalid } from "./form-parts";
import { formatPercent } from "./labels";
import { useAdminForm } from "./use-admin-form";

interface Props {
  action: AdminAction;
  running: boolean;
  variations: string[];
  /** Current shares in percent, by variation key. */
  percentages: Record<string, number>;
}

/** The default allocation of a flag in one environment: what users get when no rule applies. */
export function AllocationForm({ action, running, variations, percentages }: Props) {
  const { state, pending, submit, errorOf } = useAdminForm(action);
  const [weights, setWeights] = useState(() => Object.fromEntries(variations.map((key) => [key, String(Number((percentages[key] ?? 0).toFixed(2)))])));
  const total = variations.reduce((sum, key) => sum + (Number(weights[key]) || 0), 0);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit({ running, weights });
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <FormStatus state={state} />
      <FieldError message={errorOf("weights")} />
      <div className="row" style={{ gap: 16, alignItems: "flex-start" }}>
        {variations.map((key) => {
          const id = `weights.${key}`;
          return (
            <div key={key} className="field" style={{ width: 130 }}>
              <label htmlFor={id} className="mono">{key}</label>
              <input className="input" id={id} inputMode="decimal" value={weights[key] ?? ""} onChange={(e) => setWeights({ ...weights, [key]: e.target.value })} {...invalid(id, errorOf(id))} />
              <span className="hint">{formatPercent(total > 0 ? ((Number(weights[key]) || 0) / total) * 100 : 0)}</span>
              <FieldError id={id} message={errorOf(id)} />
            </div>
          );
        })}
      </div>
      <div>
        <SubmitButton pending={pending} label="Save allocation" />
      </div>
    </form>
  );
}
