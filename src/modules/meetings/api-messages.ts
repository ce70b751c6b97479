// The API's words in French: each endpoint's summary and description (and its group's name), keyed by the English
// the OpenAPI document carries. Routes write their English through `api(…)`, which accepts only a key of this
// catalogue, so an endpoint without its French is a compile error; the API reference shows these to French readers.
import type { Locale } from '../../platform/i18n/locale.ts';
import { englishOf } from '../../platform/api-text.ts';

const fr = {
  'meetings': 'Réunions',
  'agenda': 'Ordre du jour',
  'meeting outcomes': 'Résultats des réunions',
  'meeting reports': 'Rapports de réunion',
  'The agenda of a meeting: the published version (latest adopted, else latest draft); for the secretariat and chairs also the working items and every version':
    'L’ordre du jour d’une réunion : la version publiée (la dernière adoptée, sinon le dernier projet) ; pour le secrétariat et les présidents, aussi les points de travail et toutes les versions',
  'Fill an empty working agenda from the activity’s template (secretariat, chairs)':
    'Remplir un ordre du jour de travail vide à partir du modèle de l’activité (secrétariat, présidents)',
  'Add an item at the end of the agenda, or at the end of the sub-items of `parentId` (secretariat, chairs)':
    'Ajouter un point à la fin de l’ordre du jour, ou à la fin des sous-points de `parentId` (secrétariat, présidents)',
  'Change an item’s title or notes':
    'Modifier le titre ou les notes d’un point',
  'Move an item one place up or down among its siblings':
    'Monter ou descendre un point d’un rang parmi ses voisins',
  'Delete an item and its sub-items (refused while minutes, decisions, actions or documents hang on them)':
    'Supprimer un point et ses sous-points (refusé tant que des comptes rendus, décisions, actions ou documents y sont rattachés)',
  'Link a document of the meeting to an item (a document sits under one item: linking moves it)':
    'Rattacher un document de la réunion à un point (un document relève d’un seul point : le rattacher le déplace)',
  'Unlink a document from an item':
    'Détacher un document d’un point',
  'Issue the working agenda as the next version (a draft)':
    'Publier l’ordre du jour de travail comme version suivante (un projet)',
  'Adopt the latest version (chair, co-chair, vice-chair)':
    'Adopter la dernière version (président, coprésident, vice-président)',
  'The agenda template new meetings of the activity start from (the standard JCA agenda when it has none)':
    'Le modèle d’ordre du jour dont partent les nouvelles réunions de l’activité (l’ordre du jour type des JCA en l’absence de modèle)',
  'Replace the activity’s agenda template, written as text (one item per line, "5.1 Title" for sub-items)':
    'Remplacer le modèle d’ordre du jour de l’activité, saisi en texte (un point par ligne, « 5.1 Titre » pour les sous-points)',
  'The confirmed overlaps this meeting’s agenda lists under “Issues requiring coordination”: those confirmed while it was the activity’s next meeting, both entries readable by you':
    'Les chevauchements confirmés que l’ordre du jour de cette réunion présente sous « Questions nécessitant une coordination » : ceux confirmés alors qu’elle était la prochaine réunion de l’activité, dont vous pouvez consulter les deux entrées',
  'The executive summary for TSAG and the meeting report: released ones by their access level, drafts too for the secretariat and chairs':
    'Le résumé analytique pour le GCNT et le rapport de réunion : ceux qui sont diffusés selon leur niveau d’accès, les projets aussi pour le secrétariat et les présidents',
  'Generate the report’s text from the meeting’s records as a draft, in the request’s language (replaces a draft’s text)':
    'Produire le texte du rapport à partir des données de la réunion, sous forme de projet, dans la langue de la requête (remplace le texte d’un projet)',
  'Replace a draft report’s text':
    'Remplacer le texte d’un projet de rapport',
  'Who reads the report once released (members of the activity, or everyone) and the executive summary’s TSAG document number':
    'Qui peut lire le rapport une fois diffusé (les membres de l’activité, ou tout le monde) et le numéro de document GCNT du résumé analytique',
  'Release a draft report once the meeting has ended: it no longer changes, and its readers (by its access level) see it':
    'Diffuser un projet de rapport une fois la réunion terminée : il ne change plus, et ses lecteurs (selon son niveau d’accès) peuvent le consulter',
  'Minutes per agenda item, decisions, action items raised at the meeting and open ones carried from earlier meetings':
    'Le compte rendu par point de l’ordre du jour, les décisions, les actions décidées à la réunion et celles encore ouvertes reprises des réunions précédentes',
  'Save the minutes of several items, edits to decisions and actions, and new ones, in one transaction. An entry whose `base` fingerprint no longer matches the record (someone saved it meanwhile) refuses the whole save with 409 and `details.conflicts`':
    'Enregistrer en une seule transaction le compte rendu de plusieurs points, les modifications des décisions et des actions, et les nouvelles. Une entrée dont l’empreinte `base` ne correspond plus à la fiche (quelqu’un l’a enregistrée entre-temps) fait refuser tout l’enregistrement, avec 409 et `details.conflicts`',
  'Write the minutes of an agenda item (empty text removes them)':
    'Rédiger le compte rendu d’un point de l’ordre du jour (un texte vide le supprime)',
  'Record a decision (numbered within the meeting)':
    'Enregistrer une décision (numérotée dans la réunion)',
  'Change a decision’s text or agenda item':
    'Modifier le texte ou le point de l’ordre du jour d’une décision',
  'Delete a decision recorded by mistake (its number is not reused)':
    'Supprimer une décision enregistrée par erreur (son numéro n’est pas réutilisé)',
  'Record an action item with an owner (a participant or a name), a due date and a status':
    'Enregistrer une action avec un responsable (un participant ou un nom), une échéance et un état',
  'Change an action raised at this meeting or carried to it: the status alone, or the whole action (with `text`)':
    'Modifier une action décidée à cette réunion ou reprise à celle-ci : l’état seul, ou toute l’action (avec `text`)',
  'The activity’s meetings: upcoming (soonest first) and past (latest first)':
    'Les réunions de l’activité : à venir (la plus proche d’abord) et passées (la plus récente d’abord)',
  'Create a meeting (secretariat). Dates and times are on the clock of `timeZone`; a deadline without a time falls at 23:59 there':
    'Créer une réunion (secrétariat). Les dates et heures sont celles du fuseau `timeZone` ; une échéance sans heure tombe à 23 h 59 dans ce fuseau',
  'What the activity does with contributions and registrations after a deadline':
    'Ce que fait l’activité des contributions et inscriptions arrivées après une échéance',
  'Set the deadline rules: refuse, or accept and mark late (secretariat)':
    'Fixer les règles d’échéance : refuser, ou accepter en marquant le retard (secrétariat)',
  'One meeting with its important dates and registration counts':
    'Une réunion avec ses dates importantes et le nombre d’inscrits',
  'Replace a meeting’s facts and deadlines (secretariat); a missing deadline is left as it is, null removes it':
    'Remplacer les données et échéances d’une réunion (secrétariat) ; une échéance absente reste inchangée, null la supprime',
  'Announce a planned meeting, which opens registration (secretariat)':
    'Annoncer une réunion prévue, ce qui ouvre les inscriptions (secrétariat)',
  'Mark an announced meeting as held (secretariat)':
    'Indiquer qu’une réunion annoncée s’est tenue (secrétariat)',
  'Cancel a meeting with a reason, mailed to those registered (secretariat)':
    'Annuler une réunion avec un motif, envoyé aux inscrits (secrétariat)',
  'Delete a meeting still in preparation: never announced, nobody registered, no document (secretariat); otherwise 409, and it is cancelled instead':
    'Supprimer une réunion encore en préparation : jamais annoncée, sans inscrit ni document (secrétariat) ; sinon 409, et elle est annulée à la place',
  'Add a named date (secretariat); 23:59 in the meeting’s zone unless `time` is given':
    'Ajouter une date nommée (secrétariat) ; 23 h 59 dans le fuseau de la réunion, sauf si `time` est donné',
  'Remove an important date (secretariat)':
    'Supprimer une date importante (secrétariat)',
  'Who registered (members of the activity; e-mails for the secretariat)':
    'Les inscrits (membres de l’activité ; adresses électroniques pour le secrétariat)',
  'Register for an announced meeting. A registration counts once confirmed: at once for the caller’s own account address (or one the secretariat enters), otherwise from the link mailed to the address, or by the secretariat’s approval, as the meeting chose (status `pending` until then). The answer carries the token that changes or cancels it only once it is confirmed':
    'S’inscrire à une réunion annoncée. Une inscription compte une fois confirmée : aussitôt pour l’adresse du compte de l’appelant (ou une inscription saisie par le secrétariat), sinon par le lien envoyé à l’adresse, ou par l’approbation du secrétariat, selon le choix de la réunion (état `pending` jusque-là). La réponse ne porte le jeton qui permet de la modifier ou de l’annuler qu’une fois l’inscription confirmée',
  'Approve a pending registration (secretariat): it takes a place or the waiting list, and the registrant is mailed the details':
    'Approuver une inscription en attente (secrétariat) : elle obtient une place ou rejoint la liste d’attente, et l’inscrit en reçoit le détail par courriel',
  'Mail a new confirmation link to a pending registration (secretariat; throttled per address)':
    'Envoyer un nouveau lien de confirmation à une inscription en attente (secrétariat ; nombre d’envois limité par adresse)',
  'Change how a registrant attends (the registrant, by token or signed in; the secretariat)':
    'Modifier le mode de participation d’un inscrit (l’inscrit, par jeton ou connecté ; le secrétariat)',
  'Cancel a registration (the registrant, by token or signed in; the secretariat)':
    'Annuler une inscription (l’inscrit, par jeton ou connecté ; le secrétariat)',
} as const;

/** The French of this part's API texts (English readers read the OpenAPI document's own). */
export const meetingsApiMessages = (locale: Locale): Readonly<Record<string, string>> => (locale === 'fr' ? fr : {});
/** An API summary or description in English, which must have its French above. */
export const api = englishOf(fr);
