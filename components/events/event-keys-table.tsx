import { Sparkline } from "@/components/charts/sparkline";
import type { EventKeySummary } from "./types";

const relative = (iso: string, now: number) => {
  const minutes = Math.round((now - Date.parse(iso)) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
};

/** Every event key of the environment with recent volumes; choosing one filters the stream. */
export function EventKeysTable({
  keys,
  selected,
  onSelect,
  now,
}: {
  keys: EventKeySummary[];
  selected: string;
  onSelect: (key: string) => void;
  now: number;
}) {
  return (
    <div className="table-scroll">
      <table className="table event-keys">
        <thead>
          <tr>
            <th scope="col">Event key</th>
            <th scope="col" className="num">Last 24 h</th>
            <th scope="col" className="num">Last 7 days</th>
            <th scope="col">14 days (received)</th>
            <th scope="col">Last received</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.eventKey} aria-selected={k.eventKey === selected} className={k.eventKey === selected ? "is-selected" : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="link-button mono"
                  aria-pressed={k.eventKey === selected}
                  aria-label={`${k.eventKey === selected ? "Stop filtering by" : "Filter the stream by"} ${k.eventKey}`}
                  onClick={() => onSelect(k.eventKey === selected ? "" : k.eventKey)}
                >
                  {k.eventKey}
                </button>
              </th>
              <td className="num">{k.last24h.toLocaleString("en-US")}</td>
              <td className="num">{k.last7d.toLocaleString("en-US")}</td>
              <td>
                <span title={k.daily.map((d) => `${d.day}: ${d.count}`).join("\n")}>
                  <Sparkline values={k.daily.map((d) => d.count)} />
                </span>
              </td>
              <td className="muted">{relative(k.lastSeen, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
