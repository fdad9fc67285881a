import { RequestError } from "./errors";
import { MAX_BODY_BYTES, MAX_EVENTS_PER_BATCH } from "./limits";
import { parseTimestamp } from "./time";

/** The envelope of POST /v1/flag-events, events still unvalidated. */
export interface RawBatch {
  events: unknown[];
  /** The client's clock when it sent the batch, epoch ms. */
  sentAt: number | null;
}

const tooLarge = () => new RequestError(413, `body exceeds ${MAX_BODY_BYTES} bytes (1 MB) decoded`);

/**
 * The request body, gunzipped when Content-Encoding says so. Reading stops as soon as either the
 * received or the decoded bytes pass the limit, so a zip bomb costs at most about 1 MB of work.
 */
export async function readBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  const gzip = encoding === "gzip" || encoding === "x-gzip";
  if (!gzip && encoding !== "identity" && encoding !== "") {
    throw new RequestError(415, `unsupported Content-Encoding "${encoding}": send identity or gzip`);
  }
  if (Number(request.headers.get("content-length")) > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  // Decoded bytes are counted while reading; compressed ones by a transform in front of the gunzip.
  const stream = gzip ? request.body.pipeThrough(byteLimit(maxBytes)).pipeThrough(gunzip()) : request.body;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      total += next.value.byteLength;
      if (total > maxBytes) throw tooLarge();
      chunks.push(next.value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (error instanceof RequestError) throw error;
    if (gzip) throw new RequestError(400, "body is not valid gzip");
    throw error;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

// The DOM typing of DecompressionStream accepts any BufferSource; it is handed bytes here.
const gunzip = () => new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;

function byteLimit(maxBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > maxBytes) controller.error(tooLarge());
      else controller.enqueue(chunk);
    },
  });
}

/** Parses the envelope: 400 for malformed JSON or a missing events array, 413 beyond the event limit. */
export function parseBatch(body: Uint8Array): RawBatch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new RequestError(400, "body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || !Array.isArray((parsed as { events?: unknown }).events)) {
    throw new RequestError(400, 'body must be a JSON object with an "events" array');
  }
  const { events, sentAt } = parsed as { events: unknown[]; sentAt?: unknown };
  if (events.length > MAX_EVENTS_PER_BATCH) {
    throw new RequestError(413, `at most ${MAX_EVENTS_PER_BATCH} events per batch (got ${events.length})`);
  }
  if (sentAt == null) return { events, sentAt: null };
  const sentAtMs = parseTimestamp(sentAt);
  if (sentAtMs === null) throw new RequestError(400, "sentAt: expected ISO-8601 or epoch milliseconds");
  return { events, sentAt: sentAtMs };
}
