// The demo's agendas: the draft agendas of the first meetings of JCA-QKDN (13 items) and JCA-MV (15 items) as their
// TSB circulars give them (../shared/data/seed-activities.md). Each becomes its activity's template and the adopted
// agenda of its first meeting; an upcoming meeting gets its agenda issued as a draft. Loaded through the agenda's
// domain functions: the templates before the demo meetings (a new meeting starts from its activity's template), the
// versions after.
import type { Db } from '../db/engine.ts';
import type { Actor } from '../platform/actor.ts';
import { getActivity } from '../modules/activities/activities.ts';
import { adoptAgendaVersion, issueAgendaVersion, saveTemplateItems } from '../modules/meetings/agenda.ts';
import type { AgendaTemplateItem } from '../modules/meetings/agenda-template.ts';
import { loadMeeting } from '../modules/meetings/meetings.ts';

const items = (titles: string[]): AgendaTemplateItem[] => titles.map((title) => ({ title }));

export const demoAgendas: { acronym: string; template: AgendaTemplateItem[]; meetings: { number: number; adopt: boolean }[] }[] = [
  {
    acronym: 'JCA-QKDN',
    template: items([
      'Opening',
      'Adoption of the agenda',
      'Review of the terms of reference',
      'Review of working methods',
      'Review of standardization activities in ITU-T study groups, other SDOs and forums',
      'Review of contributions and incoming liaison statements',
      'Issues requiring coordination',
      'Review of an action plan for QKDN standardization',
      'Next steps',
      'Approval of outgoing liaison statements',
      'Future meetings/events',
      'Any other business',
      'Closing',
    ]),
    meetings: [{ number: 1, adopt: true }],
  },
  {
    acronym: 'JCA-MV',
    template: items([
      'Opening',
      'Adoption of the agenda',
      'Review of working methods, including meeting documentation and remote participation',
      'Review of TSAG’s outcome on creating JCA-MV, including the definition of "metaverse"',
      'Review of the terms of reference',
      'Incoming liaison statements',
      'Review of standardization activities in ITU-T study groups, other SDOs and forums',
      'Review of contributions',
      'Issues requiring coordination',
      'Appointment of JCA-MV liaison representatives',
      'Approval of outgoing liaison statements',
      'Future meetings',
      'Any other business',
      'Next steps',
      'Closing',
    ]),
    meetings: [
      { number: 1, adopt: true },
      { number: 2, adopt: false },
    ],
  },
];

/** Makes each demo activity's agenda its template; loaded before the meetings, which start from it. Returns how many. */
export async function loadDemoAgendaTemplates(db: Db, actor: Actor): Promise<number> {
  let saved = 0;
  for (const demo of demoAgendas) {
    const activity = await getActivity(db, actor, demo.acronym).catch(() => undefined);
    if (!activity) continue;
    await saveTemplateItems(db, actor, activity, demo.template);
    saved++;
  }
  return saved;
}

/**
 * Issues the demo meetings' agendas (each meeting already has its activity's template as working agenda, from its
 * creation) and adopts those of the meetings held; returns how many agendas.
 */
export async function loadDemoAgendas(db: Db, actor: Actor): Promise<number> {
  let loaded = 0;
  for (const demo of demoAgendas) {
    for (const { number, adopt } of demo.meetings) {
      const scope = await loadMeeting(db, actor, demo.acronym, number).catch(() => undefined);
      if (!scope) continue;
      const version = await issueAgendaVersion(db, actor, scope, { note: adopt ? 'Draft agenda as announced in the TSB circular' : 'Draft agenda' }, 'en');
      if (adopt) await adoptAgendaVersion(db, actor, scope, version.version, 'en');
      loaded++;
    }
  }
  return loaded;
}
