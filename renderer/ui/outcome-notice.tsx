/** The result of a technician's action (save, test print, export…), in plain words. */
export interface Outcome {
  readonly ok: boolean;
  readonly text: string;
}

/** Shows an outcome as a green or red notice, announced to screen readers; nothing when null. */
export function OutcomeNotice(props: {
  readonly outcome: Outcome | null;
  readonly inline?: boolean;
}) {
  const { outcome } = props;
  if (!outcome) return null;
  const Tag = props.inline ? 'span' : 'p';
  return (
    <Tag role="status" className={`notice ${outcome.ok ? 'notice-ok' : 'notice-error'}`}>
      {outcome.text}
    </Tag>
  );
}
