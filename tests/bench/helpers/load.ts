// HTTP load with autocannon (no type definitions ship with it: the part used here is typed below).
import { createRequire } from "node:module";

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
}

interface Histogram {
  average: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total: number;
}

export interface AutocannonResult {
  duration: number;
  latency: Histogram;
  requests: Histogram & { sent: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  statusCodeStats?: Record<string, { count: number }>;
}

type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  timeout?: number;
  requests?: AutocannonRequest[];
  headers?: Record<string, string>;
  method?: string;
}) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** POSTs bodies made fresh for every request (so ids never repeat) for `seconds`. */
export function postLoad(options: { url: string; path: string; headers: Record<string, string>; body: () => string; connections: number; seconds: number }) {
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    requests: [
      {
        method: "POST",
        path: options.path,
        headers: { "content-type": "application/json", ...options.headers },
        setupRequest: (request) => ({ ...request, body: options.body() }),
      },
    ],
  });
}

/** GETs one path with fixed headers for `seconds`. */
export function getLoad(options: { url: string; path: string; headers: Record<string, string>; connections: number; seconds: number }) {
  return autocannon({
    url: options.url + options.path,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    headers: options.headers,
  });
}
