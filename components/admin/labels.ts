/** Words a product manager reads in the admin pages. */
export const METRIC_KIND_LABELS: Record<string, string> = {
  conversion: "Conversion",
  count: "Count per user",
  value: "Value per user",
  ratio: "Value per event",
};

export const METRIC_KIND_HELP: Record<string, string> = {
  conversion: "Share of users who did it at least once.",
  count: "How many times each user did it, on average.",
  value: "Sum of the event's value per user, e.g. revenue per user.",
  ratio: "Average value per event, e.g. average order value.",
};

export const STATUS_BADGE: Record<string, string> = {
  draft: "badge",
  running: "badge badge-good",
  stopped: "badge badge-warn",
  archived: "badge",
};

export const formatPercent = (value: number) => `${Number(value.toFixed(2))}%`;

export const OPERATOR_LABELS: Record<string, string> = {
  equals: "equals",
  not_equals: "does not equal",
  in: "is one of",
  not_in: "is not one of",
  contains: "contains",
  not_contains: "does not contain",
  greater_than: ">",
  less_than: "<",
  greater_than_or_equals: "≥",
  less_than_or_equals: "≤",
};

/** "country is one of US, CA" */
export function describeCondition(subject: string, operator: string, value: unknown): string {
  const shown = Array.isArray(value) ? value.join(", ") : JSON.stringify(value);
  return `${subject} ${OPERATOR_LABELS[operator] ?? operator} ${shown}`;
}
