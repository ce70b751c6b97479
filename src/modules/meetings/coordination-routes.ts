// The API of a meeting's coordination issues: the confirmed overlaps its agenda lists under "Issues requiring
// coordination", as issued (for every reader of the agenda) and live on the working agenda (for those who prepare it).
// Thin: the rules are in agenda.ts (which meeting, which version) and the overlaps module (which pairs).
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { liaisonHref } from '../liaisons/index.ts';
import { coordinationIssues, decisionInWords, overlapPairPath, type ShownCoordinationIssue, showCoordinationIssues } from '../overlaps/index.ts';
import { coordinationItem, coordinationWindow, flattenAgenda, getAgenda } from './agenda.ts';
import { loadMeeting } from './meetings.ts';
import { canProceedings } from './policy.ts';
import { api } from './api-messages.ts';

const params = z.object({ acronym: z.string().max(30), number: z.coerce.number().int().positive().max(100_000) });
// Fresh schemas per use: a schema object used twice becomes a $ref the OpenAPI generator cannot name.
const side = () => z.object({ id: z.number(), organization: z.string().describe('its acronym where it has one'), identifier: z.string(), title: z.string() });
const issueOut = () =>
  z.object({
    pairId: z.number().nullable().describe('the candidate pair now (null when the last run no longer finds it)'),
    pairHref: z.string().nullable(),
    a: side(),
    b: side(),
    decision: z.enum(['same_text', 'duplicated_work', 'overlapping']),
    decisionWords: z.string().describe('the decision in the reader’s language'),
    decidedAt: z.string(),
    liaison: z.object({ id: z.number(), reference: z.string(), href: z.string() }).nullable().describe('the outgoing statement the activity drafted from this pair'),
  });
const itemOut = () => z.object({ id: z.number(), number: z.string(), title: z.string() }).nullable().describe('the agenda item "Issues requiring coordination" (null when the agenda has none)');
const coordinationOut = z.object({
  activity: z.string(),
  meeting: z.number(),
  decidedFrom: z.date().nullable().describe('this meeting lists the overlaps confirmed from this time (null: any earlier time)…'),
  decidedBefore: z.date().nullable().describe('…until this time, its end (both null for a cancelled meeting, which lists none)'),
  published: z.object({ version: z.number(), agendaItem: itemOut(), issues: z.array(issueOut()) }).nullable().describe('as the published version lists them (latest adopted, else latest draft)'),
  working: z.object({ agendaItem: itemOut(), issues: z.array(issueOut()) }).nullable().describe('as the working agenda lists them now: secretariat and chairs only'),
});

export function registerCoordinationRoutes(app: App, { database }: AppDeps) {
  const db = database.db;
  app.get(
    '/api/v1/activities/:acronym/meetings/:number/coordination',
    {
      schema: {
        tags: ['agenda'],
        summary: api('The confirmed overlaps this meeting’s agenda lists under “Issues requiring coordination”: those confirmed while it was the activity’s next meeting, both entries readable by you'),
        params,
        response: { 200: coordinationOut },
      },
    },
    async (request) => {
      const { actor, locale } = request;
      const scope = await loadMeeting(db, actor, request.params.acronym, request.params.number);
      const view = await getAgenda(db, actor, scope, (tx, window) => coordinationIssues(tx, actor, scope.activity, window));
      const window = await coordinationWindow(db, scope.meeting);
      const present = (issue: ShownCoordinationIssue): z.input<ReturnType<typeof issueOut>> => ({
        ...issue,
        pairHref: issue.pairId === null ? null : overlapPairPath(issue.pairId),
        decisionWords: decisionInWords(issue.decision, locale),
        liaison: issue.liaison ? { ...issue.liaison, href: liaisonHref(scope.activity, issue.liaison.id) } : null,
      });
      const item = (found: { id: number; number: string; title: string } | undefined) => (found ? { id: found.id, number: found.number, title: found.title } : null);
      const publishedItem = view.published ? coordinationItem(view.published.items) : undefined;
      const frozen = publishedItem?.coordination ?? [];
      return {
        activity: scope.activity.acronym,
        meeting: scope.meeting.number,
        decidedFrom: window?.from ?? null,
        decidedBefore: window?.before ?? null,
        published: view.published
          ? { version: view.published.version, agendaItem: item(publishedItem), issues: (frozen.length ? await showCoordinationIssues(db, actor, scope.activity, frozen) : []).map(present) }
          : null,
        working: canProceedings(actor, 'read_drafts', scope.activity) ? { agendaItem: item(coordinationItem(flattenAgenda(view.working))), issues: view.coordination.map(present) } : null,
      };
    },
  );
}
