/** An event's metadata and attributes as compact key: value chips; nested values as JSON. */
export function Properties({ metadata, attributes }: { metadata: unknown; attributes: unknown }) {
  const entries = [
    ...objectEntries(metadata).map(([k, v]) => ({ key: k, value: v, source: "metadata" })),
    ...objectEntries(attributes).map(([k, v]) => ({ key: k, value: v, source: "attribute" })),
  ];
  if (!entries.length) return <span className="muted">–</span>;
  return (
    <ul className="props" aria-label="Properties">
      {entries.map((e) => (
        <li key={`${e.source}:${e.key}`} className={`prop prop-${e.source}`} title={`${e.source} ${e.key}`}>
          <span className="prop-key">{e.source === "attribute" ? `@${e.key}` : e.key}</span>
          <span className="prop-value">{format(e.value)}</span>
        </li>
      ))}
    </ul>
  );
}

function objectEntries(value: unknown): Array<[string, unknown]> {
  return value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value) : [];
}

function format(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
