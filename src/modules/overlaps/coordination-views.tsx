// Confirmed overlaps as a list under an agenda item ("Issues requiring coordination"): both entries, the decision in
// words, a link to the pair, and for the activity's secretariat and chairs the button that drafts a liaison statement
// (or the draft already written). Other modules' pages show it through index.ts.
import type { ViewContext } from '../../platform/http/context.ts';
import { PostForm } from '../../platform/web/components.tsx';
import { liaisonHref } from '../liaisons/index.ts';
import type { ShownCoordinationIssue } from './coordination.ts';
import { coordinationMessages } from './coordination-messages.ts';
import { overlapMessages } from './messages.ts';
import { liaisonDraftPath, overlapPairPath } from './paths.ts';
import { canOverlaps, mayReviewIn } from './policy.ts';

function Entry(props: { side: ShownCoordinationIssue['a'] }) {
  return (
    <span class="coordination-entry">
      <strong>
        {props.side.organization} {props.side.identifier}
      </strong>{' '}
      — {props.side.title}
    </span>
  );
}

/** The issues of one agenda item, as `ctx`'s reader may act on them; nothing when there are none. */
export function CoordinationList(props: { ctx: ViewContext; activity: { id: number; acronym: string; visibility: 'public' | 'members' }; issues: readonly ShownCoordinationIssue[] }) {
  const { ctx, activity, issues } = props;
  if (!issues.length) return null;
  const m = coordinationMessages(ctx.locale);
  const decisions = overlapMessages(ctx.locale).decisions;
  const drafts = canOverlaps(ctx.actor, 'draft_liaison', activity);
  const reviews = mayReviewIn(ctx.actor, activity);
  return (
    <ul class="agenda-documents coordination-issues" aria-label={m.listLabel}>
      {issues.map((issue) => (
        <li>
          <Entry side={issue.a} />
          <br />
          <Entry side={issue.b} />
          <br />
          <span class="coordination-decision">{m.decision(decisions[issue.decision])}</span>
          {reviews && issue.pairId !== null ? (
            <>
              {' · '}
              <a href={overlapPairPath(issue.pairId)}>{m.reviewPair}</a>
            </>
          ) : null}
          {issue.liaison ? (
            <>
              {' · '}
              <a href={liaisonHref(activity, issue.liaison.id)}>{m.draftExists(issue.liaison.reference)}</a>
            </>
          ) : drafts && issue.pairId !== null ? (
            <>
              {' · '}
              <PostForm ctx={ctx} action={liaisonDraftPath(activity, issue.pairId)} class="inline-form">
                <button type="submit" class="link-button" aria-label={m.draftLiaisonLabel(issue.a.identifier, issue.b.identifier)}>
                  {m.draftLiaison}
                </button>
              </PostForm>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** For those who prepare the agenda: confirmed overlaps of this meeting that no item "Issues requiring coordination" lists. */
export function UnplacedCoordination(props: { ctx: ViewContext; count: number }) {
  if (!props.count) return null;
  return <p class="notice">{coordinationMessages(props.ctx.locale).unplaced(props.count)}</p>;
}

