/** A meeting's agenda or notes as Markdown: copy to the clipboard, or download a .md file. */
import { useState } from 'preact/hooks';
import type { Meeting } from '@/utils/shared/api-types';
import { meetingFileName, meetingMarkdown } from '@/utils/ui/meeting-markdown';

export function MeetingExport({ meeting, groupName }: { meeting: Meeting; groupName: string }) {
  const [said, setSaid] = useState('');
  const what = meeting.ended_at ? 'notes' : 'agenda';
  const text = () => meetingMarkdown(meeting, groupName);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text());
      setSaid(`Copied the ${what} as Markdown.`);
    } catch {
      setSaid('The clipboard is not available here; use Download instead.');
    }
  }
  function download() {
    const url = URL.createObjectURL(new Blob([text()], { type: 'text/markdown;charset=utf-8' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: meetingFileName(meeting, groupName) });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return (
    <div class="row">
      <button type="button" class="secondary small" onClick={copy}>
        Copy {what} as Markdown
      </button>
      <button type="button" class="secondary small" onClick={download}>
        Download {what}
      </button>
      <span class="hint" role="status">
        {said}
      </span>
    </div>
  );
}
