// The contacts list as files: CSV for spreadsheets, vCard 4.0 for address books. Both are built from listContacts, so
// an address the reader may not see is not in the file either.
import { escapeText, foldLine } from '../../platform/content-lines.ts';
import { csvDocument } from '../../platform/csv.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import type { Leader } from '../../platform/roles.ts';
import type { ContactView } from './contacts.ts';
import { contactMessages } from './messages.ts';

const roleLabel = (c: ContactView, locale: Locale) => {
  const words = contactMessages(locale);
  return c.source === 'membership' ? words.leadershipRoles[c.role as Leader] : words.roles[c.role as keyof typeof words.roles];
};

/**
 * One row per entry (leadership first), UTF-8 with a byte order mark and CRLF line ends. The email and phone columns
 * exist only when the reader may see addresses: a stranger's file has no such column at all.
 */
export function contactsCsv(contacts: ContactView[], showAddresses: boolean, locale: Locale): string {
  const header = ['role', 'body', 'body_name', 'name', 'affiliation', 'country', ...(showAddresses ? ['email', 'phone'] : []), 'topic', 'since', 'until', 'confirmed_on', 'example'];
  const rows = [header];
  for (const c of contacts) {
    const cells = [
      roleLabel(c, locale),
      c.organization?.path ?? '',
      c.organization?.name ?? '',
      c.person.name,
      c.person.affiliation ?? '',
      c.person.country ?? '',
      ...(showAddresses ? [c.person.email ?? '', c.person.phone ?? ''] : []),
      c.topic ?? '',
      c.since ?? '',
      c.until ?? '',
      c.confirmedAt ? c.confirmedAt.toISOString().slice(0, 10) : '',
      c.person.isExample ? 'yes' : '',
    ];
    rows.push(cells);
  }
  return csvDocument(rows);
}

/**
 * One vCard 4.0 per person (a person with several roles gets one card listing them all), with their roles and bodies
 * as TITLE and ORG, and EMAIL/TEL only when the reader may see them. `baseUrl` makes each card's UID stable.
 */
export function contactsVcard(contacts: ContactView[], acronym: string, locale: Locale, baseUrl: string): string {
  const byPerson = new Map<number, ContactView[]>();
  for (const c of contacts) {
    if (!c.current) continue;
    const list = byPerson.get(c.person.id) ?? [];
    list.push(c);
    byPerson.set(c.person.id, list);
  }
  const cards: string[] = [];
  for (const entries of byPerson.values()) {
    const person = entries[0]!.person;
    const titles = [...new Set(entries.map((c) => `${roleLabel(c, locale)}${c.organization ? ` (${c.organization.path})` : ''}, ${acronym}`))];
    const lines = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'KIND:individual',
      `UID:${baseUrl}/people/${person.id}`,
      `FN:${escapeText(person.name)}`,
      ...(person.affiliation ? [`ORG:${escapeText(person.affiliation)}`] : []),
      ...titles.map((t) => `TITLE:${escapeText(t)}`),
      ...(person.email ? [`EMAIL;TYPE=work:${escapeText(person.email)}`] : []),
      ...(person.phone ? [`TEL;TYPE=work,voice;VALUE=text:${escapeText(person.phone)}`] : []),
      ...(person.country ? [`ADR;TYPE=work:;;;;;;${escapeText(person.country)}`] : []),
      ...(person.isExample ? ['NOTE:Example person (demo data)'] : []),
      'END:VCARD',
    ];
    cards.push(lines.map(foldLine).join('\r\n'));
  }
  return cards.length ? `${cards.join('\r\n')}\r\n` : '';
}
