// The participant list as a spreadsheet file, for the secretariat.
import { csvDocument } from '../../platform/csv.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { meetingMessages } from './messages.ts';
import type { Registration } from './registration-queries.ts';

/** The participant list as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read accents), in the reader's language. */
export function registrationsCsv(rows: Registration[], locale: Locale): string {
  const m = meetingMessages(locale);
  const t = locale === 'fr'
    ? ['Nom', 'Courriel', 'Affiliation', 'Organisation représentée', 'Qualité', 'Pays', 'Format', 'Statut', 'En retard', 'Présent', 'Inscrit le']
    : ['Name', 'E-mail', 'Affiliation', 'Organization represented', 'Capacity', 'Country', 'Mode', 'Status', 'Late', 'Attended', 'Registered at'];
  const yes = locale === 'fr' ? 'oui' : 'yes';
  const no = locale === 'fr' ? 'non' : 'no';
  return csvDocument([
    t,
    ...rows.map((r) => [
      r.name,
      r.email,
      r.affiliation,
      r.organizationRepresented,
      m.capacities[r.capacity],
      r.country,
      m.registrationModes[r.mode],
      m.registrationStatuses[r.status],
      r.late ? yes : no,
      r.attended === null ? '' : r.attended ? yes : no,
      r.createdAt.toISOString(),
    ]),
  ]);
}
