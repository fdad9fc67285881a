import type { AdminAction } from "@/lib/admin/form-state";
import { ActionButton } from "./action-button";

type BoundRuleAction = (action: string) => AdminAction;

/** The lifecycle buttons a rule offers in its current state. */
export function RuleControls(props: { act: BoundRuleAction; status: string; experiment: boolean; compact?: boolean }) {
  const { act, status, experiment } = props;
  return (
    <span className="row" style={{ gap: 6 }}>
      {(status === "draft" || (status === "stopped" && !experiment)) && (
        <ActionButton
          action={act("start")}
          label="Start"
          variant="primary"
          confirm={experiment ? "Start the experiment? Users will begin to see its variations." : "Start this rule?"}
        />
      )}
      {status === "running" && (
        <ActionButton
          action={act("stop")}
          label="Stop"
          confirm={experiment ? "Stop the experiment? It cannot be restarted; results stay available." : "Stop this rule?"}
        />
      )}
      {!props.compact && (
        <ActionButton action={act("archive")} label="Archive" variant="danger" confirm="Archive this rule? It leaves the config and cannot be edited." />
      )}
    </span>
  );
}
