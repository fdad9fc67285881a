import type { ExperimentResults } from "@/lib/results/model";

/** GET /api/v1/experiments/{id}/results?{query}; errors carry the API's message. */
export async function fetchResults(experimentId: string, query: string, signal?: AbortSignal): Promise<ExperimentResults> {
  const response = await fetch(`/api/v1/experiments/${encodeURIComponent(experimentId)}/results${query ? `?${query}` : ""}`, {
    signal,
    headers: { accept: "application/json" },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `results request failed (${response.status})`);
  }
  return (await response.json()) as ExperimentResults;
}
