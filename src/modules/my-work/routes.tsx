// My work (/my-work) and the "what is happening" part of every activity's overview.
import type { App, AppDeps } from '../../platform/module-manifest.ts';
import { requireUser } from '../../platform/actor.ts';
import { sendPage, viewContext } from '../../platform/http/context.ts';
import { activityIdsOf } from '../../platform/work-items.ts';
import { extendActivityOverview } from '../activities/index.ts';
import { gatherActivityNews, gatherMyWork } from './my-work.ts';
import { ActivityNewsPart, MyWorkPage } from './views.tsx';

export function registerMyWorkRoutes(app: App, { database }: AppDeps) {
  const db = database.db;

  app.get('/my-work', async (request, reply) => {
    // Anonymous readers are sent to sign in and brought back (the error handler turns the 401 into that redirect).
    const actor = requireUser(request.actor);
    const work = await gatherMyWork(db, actor, request.locale);
    return sendPage(reply, MyWorkPage({ ctx: viewContext(request, reply), work, hasRoles: activityIdsOf(actor).length > 0 }));
  });

  extendActivityOverview(app, async (readDb, ctx, activity) => ActivityNewsPart({ ctx, activity, news: await gatherActivityNews(readDb, ctx.actor, activity, ctx.locale) }));
}
