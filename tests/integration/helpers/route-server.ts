import http from "node:http";
import type { AddressInfo } from "node:net";

type Context = { params: Promise<Record<string, string>> };
type Result = Promise<Response> | Response;
// Method signatures (not function properties) are checked bivariantly, so handlers whose params
// are typed for their own route ({ id: string }) fit.
interface RouteModule {
  GET?(request: Request, context: Context): Result;
  POST?(request: Request, context: Context): Result;
  PUT?(request: Request, context: Context): Result;
  PATCH?(request: Request, context: Context): Result;
  DELETE?(request: Request, context: Context): Result;
  OPTIONS?(request: Request, context: Context): Result;
}

/** A route table entry: a path pattern with :params, and the route module that serves it. */
export interface Route {
  pattern: string;
  module: RouteModule;
}

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = pathname.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = decodeURIComponent(got[i]!);
    if (w.startsWith(":")) params[w.slice(1)] = g;
    else if (w !== g) return null;
  }
  return params;
}

/**
 * Serves route handlers over real HTTP on a free loopback port: requests are parsed by Node's HTTP
 * server, turned into Web Requests as Next.js does, and the handlers' Responses are written back.
 */
export async function startRouteServer(routes: Route[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(key, value);
        else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
      }
      const method = (req.method ?? "GET").toUpperCase() as keyof RouteModule;
      for (const route of routes) {
        const params = match(route.pattern, url.pathname);
        if (!params) continue;
        const handler = route.module[method]?.bind(route.module);
        if (!handler) break;
        const request = new Request(url, { method, headers, body: method === "GET" ? undefined : body });
        const response = await handler(request, { params: Promise.resolve(params) });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
        return;
      }
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"no route"}');
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
