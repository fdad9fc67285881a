// The results view's state lives in the URL. These helpers keep that URL canonical: known keys in a
// fixed order, defaults left out, so equal views have equal links (and equal query-cache keys).
import { DEFAULT_SETTINGS } from "@/lib/results/model";

/** Parameters the results API understands. */
export const SETTINGS_KEYS = ["engine", "confidence", "correction", "breakdown", "from", "to", "mde"] as const;
export type SettingsKey = (typeof SETTINGS_KEYS)[number];

const DEFAULTS: Partial<Record<SettingsKey, string>> = {
  engine: DEFAULT_SETTINGS.engine,
  confidence: String(DEFAULT_SETTINGS.confidence),
  correction: DEFAULT_SETTINGS.correction,
  mde: String(DEFAULT_SETTINGS.mde),
};

/** The API query string of a page URL's parameters (view-only ones like `metric` are dropped). */
export function settingsQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): string {
  const get = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const query = new URLSearchParams();
  for (const key of SETTINGS_KEYS) {
    const value = get(key);
    if (value && value !== DEFAULTS[key]) query.set(key, value);
  }
  return query.toString();
}

/** The page URL with one parameter changed (empty or default removes it). */
export function withParam(current: URLSearchParams, key: string, value: string): string {
  const next = new URLSearchParams(current);
  if (!value || DEFAULTS[key as SettingsKey] === value) next.delete(key);
  else next.set(key, value);
  return next.toString();
}
