// Words of My work and of the "what is happening" part of an activity's overview, in English and French.
import type { Locale } from '../../platform/i18n/locale.ts';

const en = {
  title: 'My work',
  intro: 'What waits for you in the activities where you have a role. Dates and times are on your clock; meeting deadlines also on the venue’s.',
  setZone: 'Choose your time zone',
  zoneNow: (zone: string) => `Times are shown in ${zone}.`,
  approvals: 'Waiting for my approval',
  approvalsIntro: 'Outgoing liaison statements, roadmap and gap proposals, and registrations that your roles let you decide.',
  liaisonsToApprove: 'Outgoing liaison statements',
  proposalsToDecide: 'Roadmap proposals',
  gapsToDecide: 'Gap proposals',
  registrationsToApprove: 'Registrations to approve',
  assigned: 'Liaison statements assigned to me',
  actions: 'My action items',
  registrations: 'My registrations',
  contributions: 'My contributions',
  deadlines: 'Deadlines coming in my activities',
  nothing: 'Nothing at the moment.',
  noRoles: 'Your account is not linked to a contact record with a role in an activity, so nothing waits for you yet.',
  dueOn: (date: string) => `due ${date}`,
  venueTime: (time: string) => `venue: ${time}`,
  // the activity overview
  happening: 'What is happening',
  nextMeeting: 'Next meeting',
  noNextMeeting: 'No meeting is planned.',
  openLiaisons: 'Open liaison statements',
  recentChanges: 'Recent roadmap changes',
  openActions: 'Open action items',
  allLiaisons: 'All liaison statements',
  allChanges: 'All changes of the last 30 days',
  allMeetings: 'All meetings',
};

export type MyWorkMessages = typeof en;

const fr: MyWorkMessages = {
  title: 'Mon travail',
  intro: 'Ce qui vous attend dans les activités où vous avez un rôle. Les dates et heures sont à votre heure ; les échéances des réunions aussi à l’heure du lieu.',
  setZone: 'Choisir votre fuseau horaire',
  zoneNow: (zone) => `Les heures sont affichées selon le fuseau ${zone}.`,
  approvals: 'En attente de mon approbation',
  approvalsIntro: 'Déclarations de liaison sortantes, propositions pour la feuille de route et de lacunes, et inscriptions sur lesquelles vos rôles vous permettent de statuer.',
  liaisonsToApprove: 'Déclarations de liaison sortantes',
  proposalsToDecide: 'Propositions pour la feuille de route',
  gapsToDecide: 'Propositions de lacunes',
  registrationsToApprove: 'Inscriptions à approuver',
  assigned: 'Déclarations de liaison qui me sont confiées',
  actions: 'Mes actions',
  registrations: 'Mes inscriptions',
  contributions: 'Mes contributions',
  deadlines: 'Échéances à venir dans mes activités',
  nothing: 'Rien pour le moment.',
  noRoles: 'Votre compte n’est lié à aucune fiche contact ayant un rôle dans une activité : rien ne vous attend encore.',
  dueOn: (date) => `échéance le ${date}`,
  venueTime: (time) => `heure du lieu : ${time}`,
  happening: 'Actualité de l’activité',
  nextMeeting: 'Prochaine réunion',
  noNextMeeting: 'Aucune réunion n’est prévue.',
  openLiaisons: 'Déclarations de liaison en cours',
  recentChanges: 'Dernières modifications de la feuille de route',
  openActions: 'Actions en cours',
  allLiaisons: 'Toutes les déclarations de liaison',
  allChanges: 'Toutes les modifications des 30 derniers jours',
  allMeetings: 'Toutes les réunions',
};

export const myWorkMessages = (locale: Locale): MyWorkMessages => (locale === 'fr' ? fr : en);
