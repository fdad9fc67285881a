import { promisify } from "node:util";
import zlib from "node:zlib";
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
const gunzip = promisify(zlib.gunzip);
const utf8 = new TextDecoder();

/** The part of a request the body is read from (see IngestRequest in ./endpoint). */
export interface BodySource {
  header(name: string): string | null;
  body: AsyncIterable<Uint8Array> | null;
}

/**
 * The request body, gunzipped when Content-Encoding says so. Reading stops as soon as the received
 * bytes pass the limit, and gunzipping as soon as the decoded ones do, so a zip bomb costs at most
 * about 1 MB of work.
 */
export async function readBody(request: BodySource, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  const encoding = (request.header("content-encoding") ?? "identity").trim().toLowerCase();
  const gzip = encoding === "gzip" || encoding === "x-gzip";
  if (!gzip && encoding !== "identity" && encoding !== "") {
    throw new RequestError(415, `unsupported Content-Encoding "${encoding}": send identity or gzip`);
  }
  if (Number(request.header("content-length")) > maxBytes) throw tooLarge();
  const received = request.body ? await readAtMost(request.body, maxBytes) : new Uint8Array();
  if (!gzip) return received;
  try {
    return await gunzip(received, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw new RequestError(400, "body is not valid gzip");
  }
}

/** All chunks of a body, or a 413 as soon as they pass maxBytes (the rest is left unread). */
async function readAtMost(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** Parses the envelope: 400 for malformed JSON or a missing events array, 413 beyond the event limit. */
export function parseBatch(body: Uint8Array): RawBatch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(body));
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
