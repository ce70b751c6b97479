// A report's text as HTML (the per-meeting reports and the activity's reports for a period): the same blocks the
// DOCX and PDF are written from (platform/documents/report-text.ts), so the page shows what the files hold.
import type { ReportBlock } from '../documents/report-text.ts';

/** The report's text as HTML: the same blocks the DOCX and PDF are written from. */
export function ReportBody(props: { blocks: ReportBlock[] }) {
  return (
    <div class="report-body">
      {props.blocks.map((block) => {
        switch (block.kind) {
          case 'title':
            return <h4 class="report-title">{block.text}</h4>;
          case 'heading':
            return block.level === 1 ? <h5>{block.text}</h5> : <h6>{block.text}</h6>;
          case 'paragraph':
            return <p>{block.text}</p>;
          case 'bullet':
            return <p class={`report-bullet depth-${block.depth}`}>• {block.text}</p>;
        }
      })}
    </div>
  );
}

