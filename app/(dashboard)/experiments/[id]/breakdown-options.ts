import type { Database } from "@/lib/db";
import type { BreakdownOption } from "@/components/results/settings-bar";

/** Exposures scanned for attribute keys: recent ones only, so the page stays fast on big environments. */
const RECENT_EVENTS = 20_000;
const EXPOSURE_METADATA = new Set(["flagKey", "variationKey", "ruleKey"]);

/**
 * Dimensions to break results down by: the attribute and metadata keys that recent exposures of
 * the flag carry. Keys starting with "$" are SDK internals (user agent…), not segments.
 */
export async function loadBreakdownOptions(db: Database, environmentId: string, flagKey: string): Promise<BreakdownOption[]> {
  const rows = await db.sql.query<{ source: "attribute" | "metadata"; key: string }>(
    `with recent as (
       select attributes, metadata from "Event"
        where "environmentId" = $1 and id > coalesce((select max(id) from "Event" where "environmentId" = $1), 0) - $3
          and "eventKey" = '$exposure' and metadata->>'flagKey' = $2
     )
     select distinct 'attribute' as source, k as key from recent, jsonb_object_keys(case when jsonb_typeof(attributes) = 'object' then attributes else '{}'::jsonb end) k
     union
     select distinct 'metadata' as source, k as key from recent, jsonb_object_keys(case when jsonb_typeof(metadata) = 'object' then metadata else '{}'::jsonb end) k
     order by source, key`,
    [environmentId, flagKey, RECENT_EVENTS],
  );
  return rows
    .filter((r) => !r.key.startsWith("$") && !(r.source === "metadata" && EXPOSURE_METADATA.has(r.key)))
    .map((r) => ({ value: `${r.source}:${r.key}`, label: r.source === "attribute" ? r.key : `${r.key} (exposure metadata)` }));
}
