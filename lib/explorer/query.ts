import { z } from "zod";

const environment = z.enum(["development", "production"], { error: "expected development or production" });
const optionalText = (max: number) =>
  z.string().min(1, { error: `expected 1-${max} characters` }).max(max, { error: `expected 1-${max} characters` }).optional();

/** Query of GET /api/v1/events/keys. The project defaults to the one the dashboard shows. */
export const eventKeysQuerySchema = z.object({
  environment,
  projectId: optionalText(100),
});

/** Query of GET /api/v1/events: newest first, `before` (an event id) pages further back. */
export const recentEventsQuerySchema = eventKeysQuerySchema.extend({
  eventKey: optionalText(100),
  userId: optionalText(256),
  limit: z.coerce.number({ error: "expected a number" }).int({ error: "expected a whole number" }).min(1, { error: "expected 1-500" }).max(500, { error: "expected 1-500" }).default(50),
  before: z.coerce.number({ error: "expected an event id" }).int({ error: "expected an event id" }).positive({ error: "expected an event id" }).optional(),
});

export type EventKeysQuery = z.output<typeof eventKeysQuerySchema>;
export type RecentEventsQuery = z.output<typeof recentEventsQuerySchema>;

/** The parsed query, or the message of a 400 naming each bad parameter. */
export function parseQuery<T extends z.ZodType>(schema: T, params: URLSearchParams): { query: z.output<T> } | { error: string } {
  const result = schema.safeParse(Object.fromEntries(params));
  if (result.success) return { query: result.data };
  return { error: result.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ") };
}
