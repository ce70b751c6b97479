// What a reader is told when work handed to the worker pool fails, in English and French.
import type { Locale } from '../i18n/locale.ts';

/** The kinds of work the pool runs, named in its messages. */
export type WorkKind = 'document' | 'spreadsheet' | 'import' | 'check' | 'test';

const en = {
  work: {
    document: 'Writing the document',
    spreadsheet: 'Writing the spreadsheet',
    import: 'Reading the import file',
    check: 'Checking the document',
    test: 'The test task',
  } satisfies Record<WorkKind, string>,
  tooLong: (work: string, seconds: number) => `${work} took more than ${seconds} s and was stopped. Please try again later, or with less data.`,
  tooLarge: (work: string) => `${work} needed more memory than the server allows and was stopped. Please try again with less data.`,
  // A download waiting for its turn (waiting-download-page.tsx).
  downloadTitle: (fileName: string) => `Preparing ${fileName}`,
  queued: (position: number) => (position === 1 ? 'Your file is next in line.' : `Your file is number ${position} in line.`),
  busy: 'The server is making other files just now; yours will follow.',
  refreshes: 'This page refreshes by itself every few seconds.',
  running: 'Your file is being made.',
  ready: 'Your file is ready.',
  download: (fileName: string) => `Download ${fileName}`,
  kept: 'The file is kept here for ten minutes.',
  failed: 'Your file could not be made.',
  back: 'Back',
};

const fr: typeof en = {
  work: {
    document: 'La rédaction du document',
    spreadsheet: 'La rédaction du tableur',
    import: 'La lecture du fichier importé',
    check: 'La vérification du document',
    test: 'La tâche d’essai',
  },
  tooLong: (work: string, seconds: number) => `${work} a duré plus de ${seconds}\u00a0s et a été interrompue. Veuillez réessayer plus tard, ou avec moins de données.`,
  tooLarge: (work: string) => `${work} demandait plus de mémoire que le serveur n’en accorde et a été interrompue. Veuillez réessayer avec moins de données.`,
  downloadTitle: (fileName: string) => `Préparation de ${fileName}`,
  queued: (position: number) => (position === 1 ? 'Votre fichier est le prochain à être préparé.' : `Votre fichier est le ${position}e dans la file d’attente.`),
  busy: 'Le serveur prépare d’autres fichiers en ce moment ; le vôtre suivra.',
  refreshes: 'Cette page se met à jour d’elle-même toutes les quelques secondes.',
  running: 'Votre fichier est en cours de préparation.',
  ready: 'Votre fichier est prêt.',
  download: (fileName: string) => `Télécharger ${fileName}`,
  kept: 'Le fichier reste disponible ici pendant dix minutes.',
  failed: 'Votre fichier n’a pas pu être préparé.',
  back: 'Retour',
};

export type WorkerMessages = typeof en;
export const workerMessages = (locale: Locale): WorkerMessages => (locale === 'fr' ? fr : en);
