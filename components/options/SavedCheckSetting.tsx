/** Options: whether the toolbar button asks the group's server about every tab you switch to. */
import { checkSavedOnTabSwitch } from '@/utils/shared/storage';
import { useStored } from '@/utils/ui/hooks';

export function SavedCheckSetting() {
  const on = useStored(checkSavedOnTabSwitch);
  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Privacy</h2>
      <div class="stack">
        <label class="row">
          <input
            type="checkbox"
            checked={on === true}
            disabled={on === undefined}
            aria-describedby="saved-check-what"
            onChange={(e) => void checkSavedOnTabSwitch.setValue(e.currentTarget.checked)}
          />
          Show ✓ for pages already in my group on every tab I switch to
        </label>
        <p class="hint" id="saved-check-what">
          When this is on, each time you switch tabs or a page finishes loading, Readclub sends your group's server a SHA-256 hash of the
          page's address (not the address itself). The server can recognise the hash only for pages someone in your group saved, and then it
          learns that you visited that page. When this is off, Readclub asks only when you open its popup on a page or clip it.
        </p>
      </div>
    </section>
  );
}
