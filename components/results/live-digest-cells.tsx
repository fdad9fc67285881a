"use client";

import { useQuery } from "@tanstack/react-query";
import type { ExperimentResults } from "@/lib/results/model";
import { DigestCells, PendingCells } from "./digest-cells";
import { fetchResults } from "./fetch-results";
import { digest } from "./summary";

/** For a row without a cached snapshot: asks the results API (which computes and caches one). */
export function LiveDigestCells({ experimentId }: { experimentId: string }) {
  const query = useQuery<ExperimentResults>({
    queryKey: ["results", experimentId, ""],
    queryFn: ({ signal }) => fetchResults(experimentId, "", signal),
  });
  if (query.data) return <DigestCells digest={digest(query.data)} />;
  return <PendingCells label={query.isError ? "Results unavailable right now" : "Computing results…"} />;
}
