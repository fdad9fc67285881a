"use client";

import { startTransition, useActionState } from "react";
import { IDLE, type AdminAction } from "@/lib/admin/form-state";

/**
 * A server action bound to a form whose values live in React state. Submitting sends the values as an
 * object; the inputs are controlled, so nothing the user typed is lost when the server reports errors.
 */
export function useAdminForm(action: AdminAction) {
  const [state, dispatch, pending] = useActionState(action, IDLE);
  return {
    state,
    pending,
    submit: (input: unknown) => startTransition(() => dispatch(input)),
    errorOf: (path: string) => state.fieldErrors?.[path]?.[0],
  };
}

/** Stable ids for rows of editable lists (React keys must not be indexes when rows can be removed). */
let next = 0;
export const rowId = () => `row-${++next}`;
