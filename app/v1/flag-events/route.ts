import { serveFlagEventsFetch } from "@/lib/ingest/http";

// Events and exposures from SDKs: see DESIGN.md "Events" for the wire format. The custom server
// (lib/setup/start.ts) answers these requests before Next.js routes them, through the same
// serveFlagEvents; this handler serves them under `next dev` and any other server.
export const POST = serveFlagEventsFetch;
export const OPTIONS = serveFlagEventsFetch;
