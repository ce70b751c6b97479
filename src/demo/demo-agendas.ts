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

// Each item in English and in French (the French circulars print the French titles).
const items = (titles: [string, string][]): AgendaTemplateItem[] => titles.map(([title, titleFr]) => ({ title, titleFr }));

export const demoAgendas: { acronym: string; template: AgendaTemplateItem[]; meetings: { number: number; adopt: boolean }[] }[] = [
  {
    acronym: 'JCA-QKDN',
    template: items([
      ['Opening', 'Ouverture de la réunion'],
      ['Adoption of the agenda', 'Adoption de l’ordre du jour'],
      ['Review of the terms of reference', 'Examen du mandat'],
      ['Review of working methods', 'Examen des méthodes de travail'],
      ['Review of standardization activities in ITU-T study groups, other SDOs and forums', 'Examen des activités de normalisation des commissions d’études de l’UIT-T, des autres organismes de normalisation et des forums'],
      ['Review of contributions and incoming liaison statements', 'Examen des contributions et des déclarations de liaison reçues'],
      ['Issues requiring coordination', 'Questions nécessitant une coordination'],
      ['Review of an action plan for QKDN standardization', 'Examen d’un plan d’action pour la normalisation des QKDN'],
      ['Next steps', 'Prochaines étapes'],
      ['Approval of outgoing liaison statements', 'Approbation des déclarations de liaison sortantes'],
      ['Future meetings/events', 'Réunions et manifestations futures'],
      ['Any other business', 'Questions diverses'],
      ['Closing', 'Clôture de la réunion'],
    ]),
    meetings: [{ number: 1, adopt: true }],
  },
  {
    acronym: 'JCA-MV',
    template: items([
      ['Opening', 'Ouverture de la réunion'],
      ['Adoption of the agenda', 'Adoption de l’ordre du jour'],
      ['Review of working methods, including meeting documentation and remote participation', 'Examen des méthodes de travail, y compris la documentation des réunions et la participation à distance'],
      ['Review of TSAG’s outcome on creating JCA-MV, including the definition of "metaverse"', 'Examen de la décision du GCNT portant création de la JCA-MV, y compris la définition du « métavers »'],
      ['Review of the terms of reference', 'Examen du mandat'],
      ['Incoming liaison statements', 'Déclarations de liaison reçues'],
      ['Review of standardization activities in ITU-T study groups, other SDOs and forums', 'Examen des activités de normalisation des commissions d’études de l’UIT-T, des autres organismes de normalisation et des forums'],
      ['Review of contributions', 'Examen des contributions'],
      ['Issues requiring coordination', 'Questions nécessitant une coordination'],
      ['Appointment of JCA-MV liaison representatives', 'Désignation des représentants de la JCA-MV chargés de la liaison'],
      ['Approval of outgoing liaison statements', 'Approbation des déclarations de liaison sortantes'],
      ['Future meetings', 'Réunions futures'],
      ['Any other business', 'Questions diverses'],
      ['Next steps', 'Prochaines étapes'],
      ['Closing', 'Clôture de la réunion'],
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
