"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

const STATUSES = [
  ["", "All statuses"],
  ["running", "Running"],
  ["draft", "Draft"],
  ["stopped", "Stopped"],
] as const;

/** Status and environment filters of the experiments list, kept in the URL so the view can be shared. */
export function ListFilters({ environments }: { environments: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return (
    <form className="filters" role="search" aria-label="Filter experiments" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" className="input" value={params.get("status") ?? ""} onChange={(e) => set("status", e.target.value)}>
          {STATUSES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-environment">Environment</label>
        <select
          id="filter-environment"
          className="input"
          value={params.get("environment") ?? ""}
          onChange={(e) => set("environment", e.target.value)}
        >
          <option value="">All environments</option>
          {environments.map((env) => (
            <option key={env} value={env}>
              {env}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
