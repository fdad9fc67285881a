// The explorer API's JSON (GET /api/v1/events and /api/v1/events/keys), as the browser receives it.
export type { EventKeySummary, ExplorerEvent } from "@/lib/explorer/events";

export interface RecentEventsPage {
  events: import("@/lib/explorer/events").ExplorerEvent[];
  nextBefore: number | null;
}
