import type { FieldErrors } from "./errors";

/**
 * What a server action returns to its form: a message and, on bad input, the messages per field
 * (keyed by the same paths as the form's fields). Shared by server actions and client forms.
 */
export interface FormState {
  status: "idle" | "ok" | "error";
  message?: string;
  fieldErrors?: FieldErrors;
  /** Changes on every result, so forms can react to a repeated identical outcome. */
  at?: number;
}

export const IDLE: FormState = { status: "idle" };

/** A server action as forms use it: the previous state and the form's values (untrusted). */
export type AdminAction = (previous: FormState, input: unknown) => Promise<FormState>;
