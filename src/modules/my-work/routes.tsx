// My work (/my-work and GET /api/v1/my-work) and the "what is happening" part of every activity's overview.
import { z } from 'zod';
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { requireUser } from '../../platform/actor.ts';
import { sendPage, viewContext } from '../../platform/http/context.ts';
import { activityIdsOf, type WorkItem } from '../../platform/work-items.ts';
import { extendActivityOverview } from '../activities/index.ts';
import { gatherActivityNews, gatherMyWork } from './my-work.ts';
import { ActivityNewsPart, MyWorkPage } from './views.tsx';
import { api } from './api-messages.ts';

const workItemOut = z.object({
  activity: z.string().describe('the acronym of the activity the record belongs to'),
  title: z.string().describe('the record as its module names it, in the language asked for'),
  href: z.string().describe('the page of the record, from the site root'),
  detail: z.string().nullable().describe('its state or what is asked, in the language asked for'),
  dueAt: z.date().nullable().describe('when it falls due, as an instant (a meeting deadline)'),
  dueZone: z.string().nullable().describe('the IANA zone of the venue, with dueAt'),
  dueOn: z.string().nullable().describe('when it falls due, as a calendar date (YYYY-MM-DD)'),
});
const items = z.array(workItemOut);
const myWorkOut = z.object({
  approvals: z.object({ liaisons: items, proposals: items, gaps: items, registrations: items }),
  assigned: items,
  actions: items,
  registrations: items,
  contributions: items,
  deadlines: items,
});

const itemJson = (item: WorkItem): z.input<typeof workItemOut> => ({
  activity: item.activity.acronym,
  title: item.title,
  href: item.href,
  detail: item.detail ?? null,
  dueAt: item.due && 'at' in item.due ? item.due.at : null,
  dueZone: item.due && 'at' in item.due ? item.due.zone : null,
  dueOn: item.due && 'on' in item.due ? item.due.on : null,
});
const listJson = (list: WorkItem[]) => list.map(itemJson);

export function registerMyWorkRoutes(app: App, { database }: AppDeps) {
  const db = database.db;

  app.get('/my-work', async (request, reply) => {
    // Anonymous readers are sent to sign in and brought back (the error handler turns the 401 into that redirect).
    const actor = requireUser(request.actor);
    const work = await gatherMyWork(db, actor, request.locale);
    return sendPage(reply, MyWorkPage({ ctx: viewContext(request, reply), work, hasRoles: activityIdsOf(actor).length > 0, admin: actor.isAdmin }));
  });

  app.get(
    '/api/v1/my-work',
    {
      schema: {
        tags: ['my work'],
        summary: api('What waits for the signed-in user: approvals, assigned statements, actions, registrations, contributions, deadlines'),
        description:
          api('The same lists as the My work page, worded in the language asked for (Accept-Language). Approvals are those the user’s roles let them decide, in every activity for a site administrator; the other lists come from the activities where the user holds a role.'),
        response: { 200: myWorkOut },
      },
    },
    async (request) => {
      const work = await gatherMyWork(db, requireUser(request.actor), request.locale);
      const a = work.approvals;
      return {
        approvals: { liaisons: listJson(a.liaisons), proposals: listJson(a.proposals), gaps: listJson(a.gaps), registrations: listJson(a.registrations) },
        assigned: listJson(work.assigned),
        actions: listJson(work.actions),
        registrations: listJson(work.registrations),
        contributions: listJson(work.contributions),
        deadlines: listJson(work.deadlines),
      };
    },
  );

  extendActivityOverview(app, async (readDb, ctx, activity) => ActivityNewsPart({ ctx, activity, news: await gatherActivityNews(readDb, ctx.actor, activity, ctx.locale) }));
}
