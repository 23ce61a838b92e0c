/** The group's meetings: the next one with its agenda, and past ones. */
export interface MeetingsPaneProps {
  groupId: string;
}

export function MeetingsPane(_props: MeetingsPaneProps) {
  return <p class="hint">No meeting scheduled yet.</p>;
}
