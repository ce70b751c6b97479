// What a refused archive is told, in English and French: one plain sentence naming the file and the limit it hit.
import { formatNumber, type Locale } from '../i18n/locale.ts';

const megabytes = (bytes: number, locale: Locale) =>
  formatNumber(bytes / 1024 / 1024, locale, { maximumFractionDigits: 1 });
const count = (n: number, locale: Locale) => formatNumber(n, locale);

const en = {
  notZip: (file: string) => `“${file}” is not a readable ZIP archive (a Word, Excel or PowerPoint file is one): it may be damaged. Save or export it again.`,
  encrypted: (file: string) => `“${file}” is protected by a password: remove the protection and send it again.`,
  entries: (file: string, found: number, limit: number) =>
    `“${file}” holds ${count(found, 'en')} files, more than the ${count(limit, 'en')} an office document may hold: it was not opened.`,
  entrySize: (file: string, part: string, limit: number) =>
    `“${file}” was refused: its part “${part}” unpacks to more than ${megabytes(limit, 'en')} MB, the limit for one part.`,
  totalSize: (file: string, limit: number) =>
    `“${file}” was refused: it unpacks to more than ${megabytes(limit, 'en')} MB in all, the limit for one document.`,
  sizeMismatch: (file: string, part: string) =>
    `“${file}” was refused: its part “${part}” unpacks to a different size than the archive declares, which a damaged or forged file does.`,
  overlap: (file: string) => `“${file}” was refused: parts of the archive overlap or hide data between them, which only a forged file does.`,
  xmlDepth: (file: string, part: string, limit: number) =>
    `“${file}” was refused: its part “${part}” nests elements more than ${count(limit, 'en')} levels deep.`,
  xmlNodes: (file: string, part: string, limit: number) =>
    `“${file}” was refused: its part “${part}” has more than ${count(limit, 'en')} elements and attributes.`,
  xmlDoctype: (file: string, part: string) =>
    `“${file}” was refused: its part “${part}” declares a document type (DOCTYPE), which office documents never do and which can hide entity bombs.`,
  xmlMalformed: (file: string, part: string) => `“${file}” is damaged: its part “${part}” is not well-formed XML. Save or export it again.`,
  time: (file: string, seconds: number) =>
    `“${file}” was refused: reading it took longer than ${count(seconds, 'en')} seconds, the limit for one document.`,
};

export type ArchiveMessages = typeof en;

const fr: ArchiveMessages = {
  notZip: (file) => `« ${file} » n’est pas une archive ZIP lisible (un fichier Word, Excel ou PowerPoint en est une) : il est peut-être endommagé. Enregistrez-le ou exportez-le à nouveau.`,
  encrypted: (file) => `« ${file} » est protégé par un mot de passe : retirez la protection et envoyez-le à nouveau.`,
  entries: (file, found, limit) =>
    `« ${file} » contient ${count(found, 'fr')} fichiers, plus que les ${count(limit, 'fr')} qu’un document bureautique peut contenir : il n’a pas été ouvert.`,
  entrySize: (file, part, limit) =>
    `« ${file} » a été refusé : sa partie « ${part} » se décompresse en plus de ${megabytes(limit, 'fr')} Mo, la limite pour une partie.`,
  totalSize: (file, limit) =>
    `« ${file} » a été refusé : il se décompresse en plus de ${megabytes(limit, 'fr')} Mo au total, la limite pour un document.`,
  sizeMismatch: (file, part) =>
    `« ${file} » a été refusé : sa partie « ${part} » se décompresse en une taille différente de celle que l’archive annonce, ce qui trahit un fichier endommagé ou falsifié.`,
  overlap: (file) => `« ${file} » a été refusé : des parties de l’archive se chevauchent ou cachent des données entre elles, ce que seul un fichier falsifié fait.`,
  xmlDepth: (file, part, limit) =>
    `« ${file} » a été refusé : sa partie « ${part} » imbrique des éléments sur plus de ${count(limit, 'fr')} niveaux.`,
  xmlNodes: (file, part, limit) =>
    `« ${file} » a été refusé : sa partie « ${part} » compte plus de ${count(limit, 'fr')} éléments et attributs.`,
  xmlDoctype: (file, part) =>
    `« ${file} » a été refusé : sa partie « ${part} » déclare un type de document (DOCTYPE), ce que les documents bureautiques ne font jamais et qui peut cacher une bombe d’entités.`,
  xmlMalformed: (file, part) => `« ${file} » est endommagé : sa partie « ${part} » n’est pas du XML bien formé. Enregistrez-le ou exportez-le à nouveau.`,
  time: (file, seconds) =>
    `« ${file} » a été refusé : sa lecture a pris plus de ${count(seconds, 'fr')} secondes, la limite pour un document.`,
};

export const archiveMessages = (locale: Locale): ArchiveMessages => (locale === 'fr' ? fr : en);
