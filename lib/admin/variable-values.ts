import type { VariableType } from "@/lib/flags";

export const VARIABLE_TYPES = ["string", "number", "boolean", "json"] as const satisfies readonly VariableType[];

type Coerced = { value: unknown } | { error: string };

/**
 * A variable value checked against its type. Forms send text, the API sends JSON values; both are
 * accepted ("3" and 3 for a number, "true" and true for a boolean, JSON text or a value for json).
 */
export function coerceVariableValue(type: VariableType, raw: unknown): Coerced {
  switch (type) {
    case "string":
      return typeof raw === "string" ? { value: raw } : { error: "Must be text" };
    case "number": {
      const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
      return typeof value === "number" && Number.isFinite(value) ? { value } : { error: "Must be a number" };
    }
    case "boolean":
      if (raw === true || raw === "true") return { value: true };
      if (raw === false || raw === "false") return { value: false };
      return { error: "Must be true or false" };
    case "json":
      if (typeof raw !== "string") return raw === undefined ? { error: "Required" } : { value: raw };
      try {
        return { value: JSON.parse(raw) };
      } catch {
        return { error: "Must be valid JSON" };
      }
  }
}

/** How a stored value is shown in a text input (and in read-only tables). */
export function variableValueToText(type: VariableType, value: unknown): string {
  if (value === undefined) return "";
  if (type === "json") return JSON.stringify(value);
  return String(value);
}
