// Words of the backups page, in English and French.
import type { Locale } from '../../platform/i18n/locale.ts';

const en = {
  title: 'Backups',
  intro:
    'A backup holds every table of the database and every stored file, taken at one moment while Concord keeps running. Keep it somewhere other than this server.',
  download: 'Download a backup',
  restoreTitle: 'Restoring',
  restoreHow: 'Stop Concord, then run this on the server (into an empty database, or add --replace to erase what it holds):',
  commandLine: 'From the command line, with an API token of a site administrator:',
};

export type BackupMessages = typeof en;

const fr: BackupMessages = {
  title: 'Sauvegardes',
  intro:
    'Une sauvegarde contient toutes les tables de la base de données et tous les fichiers enregistrés, pris au même instant, sans arrêter Concord. Conservez-la ailleurs que sur ce serveur.',
  download: 'Télécharger une sauvegarde',
  restoreTitle: 'Restauration',
  restoreHow:
    'Arrêtez Concord, puis lancez sur le serveur la commande suivante (dans une base vide, ou ajoutez --replace pour effacer ce qu’elle contient)\u202f:',
  commandLine: 'En ligne de commande, avec un jeton d’API d’un administrateur du site\u202f:',
};

export const backupMessages = (locale: Locale): BackupMessages => (locale === 'fr' ? fr : en);
