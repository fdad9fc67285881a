import { Properties } from "./properties";
import type { ExplorerEvent } from "./types";

const time = (iso: string) => iso.replace("T", " ").slice(0, 19);

/** The latest events, newest first. Events that arrived since the last poll are marked. */
export function EventStream({
  events,
  freshSince,
  onUser,
  onKey,
}: {
  events: ExplorerEvent[];
  /** Events with a higher id arrived with the latest refresh. */
  freshSince: number;
  onUser: (userId: string) => void;
  onKey: (eventKey: string) => void;
}) {
  return (
    <div className="table-scroll">
      <table className="table event-stream">
        <thead>
          <tr>
            <th scope="col">Event time (UTC)</th>
            <th scope="col">Event</th>
            <th scope="col">User</th>
            <th scope="col" className="num">Value</th>
            <th scope="col">Properties</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className={e.id > freshSince ? "is-fresh" : undefined}>
              <td className="mono nowrap" title={`received ${time(e.receivedAt)}`}>
                {e.id > freshSince && <span className="visually-hidden">New: </span>}
                {time(e.timestamp)}
              </td>
              <td>
                <button type="button" className="link-button mono" onClick={() => onKey(e.eventKey)} aria-label={`Filter by event ${e.eventKey}`}>
                  {e.eventKey}
                </button>
              </td>
              <td>
                <button type="button" className="link-button mono" onClick={() => onUser(e.userId)} aria-label={`Filter by user ${e.userId}`}>
                  {e.userId}
                </button>
              </td>
              <td className="num">{e.value === null ? "" : e.value.toLocaleString("en-US")}</td>
              <td>
                <Properties metadata={e.metadata} attributes={e.attributes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
