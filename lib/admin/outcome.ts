import { AdminError, InvalidInputError } from "./errors";
import type { FormState } from "./form-state";

export type Outcome<T> = { ok: true; value: T } | { ok: false; state: FormState };

/**
 * Runs an admin operation for a server action. Expected failures become form state; everything else
 * propagates, including Next's redirect/forbidden signals, which must reach the framework.
 */
export async function attempt<T>(operation: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await operation() };
  } catch (error) {
    if (!(error instanceof AdminError)) throw error;
    const fieldErrors = error instanceof InvalidInputError ? error.fieldErrors : undefined;
    return { ok: false, state: { status: "error", message: error.message, fieldErrors, at: Date.now() } };
  }
}
