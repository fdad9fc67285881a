import type { VerdictText } from "./verdict";

/** The verdict as a badge: icon and label carry the meaning, the colour only repeats it. */
export function VerdictBadge({ verdict }: { verdict: Pick<VerdictText, "tone" | "icon" | "label"> }) {
  return (
    <span className={`badge verdict-${verdict.tone}`}>
      <span aria-hidden>{verdict.icon}</span> {verdict.label}
    </span>
  );
}
