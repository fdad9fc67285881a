import type { Database } from "@/lib/db";
import type { RawBatch } from "./body";
import { normalizeBatch, type Rejection } from "./normalize";
import { writeBatch, type IngestTarget } from "./write";

/** The answer to POST /v1/flag-events. */
export interface IngestResult {
  /** Stored now. */
  accepted: number;
  /** Already stored (same id sent before, or twice in this batch): not stored again. */
  duplicates: number;
  /** Dropped on purpose (bots). */
  dropped: number;
  rejected: Rejection[];
}

/**
 * Validates, normalises and stores one batch. Resolves once the batch is committed; rejects when
 * the database fails, in which case nothing of the batch was written.
 */
export async function ingestBatch(
  db: Database,
  target: IngestTarget,
  batch: RawBatch,
  receivedAt: number = Date.now(),
): Promise<IngestResult> {
  const normalized = normalizeBatch(batch.events, receivedAt, batch.sentAt);
  const inserted = await writeBatch(db, target, normalized, receivedAt);
  return {
    accepted: inserted,
    duplicates: normalized.duplicates + normalized.events.length - inserted,
    dropped: normalized.bots,
    rejected: normalized.rejected,
  };
}
