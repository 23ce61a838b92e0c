/**
 * The group's library (tags, search, reader view). PLACEHOLDER: the discussion "talk" helper
 * replaces this whole file; SidePanelApp passes exactly these props.
 */
export interface LibraryPaneProps {
  /** The group shown in the side panel. */
  groupId: string;
  /** Open one item's discussion (replaces the panel until Back). */
  onOpen: (itemId: string) => void;
}

export function LibraryPane(_props: LibraryPaneProps) {
  return <p class="hint">The group's library will be here: its tags, search and reader view.</p>;
}
