import type { Environment } from "../../flags/types";

export interface SdkKeyParts {
  environment: Environment;
  orgId: string;
  projectId: string;
}

const SDK_KEY = /^sk_(dev|prod)_([^_]+)_([^_]+)_(.+)$/;

/** Splits `sk_{dev|prod}_{orgId}_{projectId}_{random}`; null when the key is malformed. */
export function parseSdkKey(sdkKey: string): SdkKeyParts | null {
  const match = SDK_KEY.exec(sdkKey);
  if (!match) return null;
  const [, env, orgId = "", projectId = ""] = match;
  return { environment: env === "dev" ? "development" : "production", orgId, projectId };
}

export function configUrl(baseUrl: string, key: SdkKeyParts): string {
  const path = [key.orgId, key.projectId, key.environment].map(encodeURIComponent).join("/");
  return `${baseUrl}/configs/${path}/latest.json`;
}

export function eventsUrl(baseUrl: string): string {
  return `${baseUrl}/v1/flag-events`;
}

/** sendBeacon cannot set headers, so the key travels in the query string. */
export function beaconUrl(baseUrl: string, sdkKey: string): string {
  return `${eventsUrl(baseUrl)}?sdkKey=${encodeURIComponent(sdkKey)}`;
}
