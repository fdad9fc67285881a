"use client";

import type { ReactNode } from "react";
import type { FormState } from "@/lib/admin/form-state";

export function Field(props: { label: ReactNode; htmlFor: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.htmlFor}>{props.label}</label>
      {props.children}
      {props.hint && <span className="hint">{props.hint}</span>}
      <FieldError id={props.htmlFor} message={props.error} />
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message?: string }) {
  if (!message) return null;
  return (
    <span className="field-error" id={id ? `${id}-error` : undefined} role="alert">
      {message}
    </span>
  );
}

/** Props that mark an input invalid and link it to its error message. */
export const invalid = (id: string, error: string | undefined) =>
  error ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};

export function FormStatus({ state }: { state: FormState }) {
  if (state.status === "error") return <div className="form-error" role="alert">{state.message}</div>;
  if (state.status === "ok" && state.message) return <div className="form-ok" role="status">{state.message}</div>;
  return null;
}

export function SubmitButton({ pending, label, pendingLabel = "Saving…" }: { pending: boolean; label: string; pendingLabel?: string }) {
  return (
    <button className="btn btn-primary" type="submit" disabled={pending}>
      {pending ? pendingLabel : label}
    </button>
  );
}

/** A list editor's "remove" button, labelled for screen readers. */
export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="btn btn-danger" aria-label={label} title={label} onClick={onClick}>
      ✕
    </button>
  );
}
