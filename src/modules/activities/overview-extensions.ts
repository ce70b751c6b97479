// What other modules show on an activity's overview ("what is happening": the next meeting, open statements, recent
// roadmap changes, open actions), handed in through the activities' public surface (`extendActivityOverview`) so that
// this module imports none of them. Kept per app, as the roadmap's extensions are.
import type { VNode } from 'preact';
import type { Db } from '../../db/engine.ts';
import type { ViewContext } from '../../platform/http/context.ts';
import type { App } from '../../platform/module-manifest.ts';
import type { Activity } from './activities.ts';

/** A part of the overview for one reader: its blocks (a heading and a list), or null when it has nothing to show them. */
export type ActivityOverviewPart = (db: Db, ctx: ViewContext, activity: Activity) => Promise<VNode | null>;

const partsByApp = new WeakMap<object, ActivityOverviewPart[]>();

/** Adds a part to every activity's overview in this app (called from a module's `routes`). */
export function extendActivityOverview(app: App, part: ActivityOverviewPart): void {
  partsByApp.set(app, [...(partsByApp.get(app) ?? []), part]);
}

/** The parts for this reader, in the order they were added; they are read at once (each is a few indexed queries). */
export async function activityOverviewParts(app: App, db: Db, ctx: ViewContext, activity: Activity): Promise<VNode[]> {
  const parts = await Promise.all((partsByApp.get(app) ?? []).map((part) => part(db, ctx, activity)));
  return parts.filter((part): part is VNode => part !== null);
}
