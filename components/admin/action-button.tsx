"use client";

import { useAdminForm } from "./use-admin-form";
import type { AdminAction } from "@/lib/admin/form-state";

interface Props {
  action: AdminAction;
  label: string;
  input?: unknown;
  /** Asked before destructive or visible changes (stopping an experiment, revoking a key). */
  confirm?: string;
  variant?: "primary" | "danger";
}

/** One-click admin operation (start, stop, archive, revoke…) with its failure shown beside it. */
export function ActionButton({ action, label, input = {}, confirm, variant }: Props) {
  const { state, pending, submit } = useAdminForm(action);
  const className = `btn${variant ? ` btn-${variant}` : ""}`;
  return (
    <span className="row" style={{ display: "inline-flex" }}>
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={() => {
          if (!confirm || window.confirm(confirm)) submit(input);
        }}
      >
        {pending ? "Working…" : label}
      </button>
      {state.status === "error" && (
        <span className="field-error" role="alert">
          {state.message}
        </span>
      )}
    </span>
  );
}
