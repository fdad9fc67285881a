// The two ways a request reaches serveFlagEvents: Next.js's route handler (Fetch API objects) and
// the custom server, which answers this one path itself: ingest is the hot path, and Next's routing,
// Request/Response objects and web streams took over half of the server's CPU per batch (about
// 2.4 ms of CPU per batch of 100 events through Next, 0.9 ms direct).
import type { IncomingMessage, ServerResponse } from "node:http";
import { FLAG_EVENTS_PATH, serveFlagEvents, type IngestReply } from "./endpoint";

/** For app/v1/flag-events/route.ts. */
export async function serveFlagEventsFetch(request: Request): Promise<Response> {
  const search = new URL(request.url).search;
  const reply = await serveFlagEvents({
    method: request.method,
    header: (name) => request.headers.get(name),
    search: search.slice(1),
    body: request.body as AsyncIterable<Uint8Array> | null,
  });
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

/**
 * For the custom server (lib/setup/start.ts), ahead of Next's handler: answers POST and OPTIONS on
 * FLAG_EVENTS_PATH exactly as the route handler would and returns true; false for every other request.
 */
export function serveFlagEventsNode(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "POST" && req.method !== "OPTIONS") return false;
  const url = req.url ?? "";
  const queryAt = url.indexOf("?");
  if ((queryAt === -1 ? url : url.slice(0, queryAt)) !== FLAG_EVENTS_PATH) return false;
  void serveFlagEvents({
    method: req.method,
    header: (name) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    search: queryAt === -1 ? "" : url.slice(queryAt + 1),
    // Not destroyed when reading stops early (413), so the answer can still be written.
    body: req.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>,
  }).then((reply) => {
    writeReply(res, reply);
    // What is left of a body answered early (401, 413) is drained, so the connection can carry the
    // next request: Node does this itself only for bodies nobody started reading.
    req.resume();
  });
  return true;
}

function writeReply(res: ServerResponse, reply: IngestReply) {
  if (reply.body === null) {
    res.writeHead(reply.status, reply.headers).end();
    return;
  }
  // With its length known, Node sends head and body in one write.
  res.writeHead(reply.status, { ...reply.headers, "Content-Length": String(Buffer.byteLength(reply.body)) }).end(reply.body);
}
