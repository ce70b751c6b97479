// A circular written from the records: the facts gathered in a few queries, poured into the kind's template in the
// reader's language (templates/), then laid out as the platform's document model (letterhead, numbered paragraphs,
// the deadlines table, Annex A with the terms of reference, Annex B with the draft agenda). What the records do not
// hold comes out marked and listed: a French circular never borrows English text.
import fs from 'node:fs';
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { createRequire } from 'node:module';
import type { Tx } from '../../db/engine.ts';
import { activityMemberships, importantDates, meetings, organizations, people, torVersions } from '../../db/schema.ts';
import type { Block, DocumentModel } from '../../platform/documents/model.ts';
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import { leaders } from '../../platform/roles.ts';
import type { Activity } from '../activities/index.ts';
import { flattenAgenda, workingAgenda } from '../meetings/index.ts';
import { clock, localParts } from './dates.ts';
import { type MeetingChoice } from './facts.ts';
import { generatorMessages } from './generator-messages.ts';
import { getCircularProfile, linesOr, usualAddressees, usualCopies } from './profile.ts';
import type { CircularKind, CircularText } from './schema.ts';

// mustache is required the first time a circular is written, not at start. Required, not imported: the function that
// renders stays synchronous.
const require = createRequire(import.meta.url);
let mustache: typeof import('mustache').default | undefined;
const loadMustache = () => (mustache ??= require('mustache') as typeof import('mustache').default);

export { circularKinds, type CircularKind, type CircularText } from './circular-text.ts';

const templates = new Map<string, Record<string, string>>();
function template(kind: CircularKind, locale: Locale): Record<string, string> {
  const key = `${kind}.${locale}`;
  let parts = templates.get(key);
  if (!parts) {
    const text = fs.readFileSync(new URL(`./templates/${key}.mustache`, import.meta.url), 'utf8');
    parts = {};
    for (const part of text.split(/^=== /m).slice(1)) {
      const newline = part.indexOf('\n');
      parts[part.slice(0, newline).trim()] = part.slice(newline + 1);
    }
    templates.set(key, parts);
  }
  return parts;
}

/** The six official languages of ITU, as each language names them (a meeting's language is one of them). */
const languages: Record<string, Record<Locale, string>> = {
  english: { en: 'English', fr: 'anglais' },
  french: { en: 'French', fr: 'français' },
  spanish: { en: 'Spanish', fr: 'espagnol' },
  arabic: { en: 'Arabic', fr: 'arabe' },
  chinese: { en: 'Chinese', fr: 'chinois' },
  russian: { en: 'Russian', fr: 'russe' },
};

/**
 * A country as the reader's language names it. People's countries are stored as typed (in English): the region is
 * found by its English name (or the long form ITU uses, such as "Republic of Korea"), and named by Intl in French.
 */
const officialNames: Record<string, string> = {
  'republic of korea': 'KR', 'kingdom of saudi arabia': 'SA', 'russian federation': 'RU', "people's republic of china": 'CN',
  'united states of america': 'US', 'islamic republic of iran': 'IR', 'viet nam': 'VN', 'türkiye': 'TR', 'republic of türkiye': 'TR',
};
let regionCodes: Map<string, string> | undefined;
function countryIn(name: string, locale: Locale): string | undefined {
  if (locale === 'en') return name;
  if (!regionCodes) {
    const english = new Intl.DisplayNames(['en'], { type: 'region' });
    regionCodes = new Map(Object.entries(officialNames));
    for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const n = english.of(code);
      if (n && n !== code) regionCodes.set(n.toLowerCase(), code);
    }
  }
  const code = regionCodes.get(name.trim().toLowerCase());
  return code ? new Intl.DisplayNames([locale], { type: 'region' }).of(code) : undefined;
}

const ordinals: Record<Locale, string[]> = {
  en: ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'],
  fr: ['première', 'deuxième', 'troisième', 'quatrième', 'cinquième', 'sixième', 'septième', 'huitième', 'neuvième', 'dixième'],
};

const isoOf = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** "12–16 December 2022" / "du 12 au 16 décembre 2022". */
function dateRange(from: string, to: string, locale: Locale): string {
  if (from === to) return locale === 'fr' ? `du ${formatDate(from, locale)}` : formatDate(from, locale);
  const f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CH' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  if (locale === 'fr') {
    const sameMonth = from.slice(0, 7) === to.slice(0, 7);
    return `du ${sameMonth ? a.getUTCDate() : f.format(a).replace(/ \d{4}$/, '')} au ${f.format(b)}`;
  }
  return f.formatRange(a, b).replace(/\s*–\s*/, '–');
}

const clockIn = (minutes: number, locale: Locale) => (locale === 'fr' ? `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}` : clock(minutes));

const zoneAbbreviation = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;

/** Writes the circular of `activity` of this kind, in this language, from the records. */
export async function generateCircular(
  tx: Tx,
  activity: Activity,
  options: { kind: CircularKind; locale: Locale; meeting: MeetingChoice; number?: string | null; date?: string },
): Promise<CircularText> {
  const { locale, kind } = options;
  const g = generatorMessages(locale);
  const missing: string[] = [];
  const need = (value: string | null | undefined, what: string): string => {
    if (value && value.trim()) return value.trim();
    if (!missing.includes(what)) missing.push(what);
    return g.missingMark(what);
  };
  const french = locale === 'fr';

  const profile = await getCircularProfile(tx, activity.id);
  const [parent] = activity.parentOrganizationId
    ? await tx.select().from(organizations).where(eq(organizations.id, activity.parentOrganizationId))
    : [];
  const tor = (await tx.select().from(torVersions).where(eq(torVersions.activityId, activity.id)).orderBy(asc(torVersions.version))).at(-1);
  const leadership = await tx
    .select({ role: activityMemberships.role, name: people.name, affiliation: people.affiliation, country: people.country })
    .from(activityMemberships)
    .innerJoin(people, eq(people.id, activityMemberships.personId))
    .where(and(eq(activityMemberships.activityId, activity.id), inArray(activityMemberships.role, [...leaders])))
    .orderBy(asc(people.name));

  const [meeting] =
    options.meeting === 'none'
      ? []
      : await tx
          .select()
          .from(meetings)
          .where(
            typeof options.meeting === 'number'
              ? and(eq(meetings.activityId, activity.id), eq(meetings.number, options.meeting))
              : and(eq(meetings.activityId, activity.id), inArray(meetings.status, ['planned', 'announced'])),
          )
          .orderBy(asc(meetings.startsAt))
          .limit(1);
  const earlier = meeting ? await tx.select({ number: meetings.number }).from(meetings).where(and(eq(meetings.activityId, activity.id), lt(meetings.startsAt, meeting.startsAt), inArray(meetings.status, ['planned', 'announced', 'held']))) : [];

  // ---- The view the template reads ----
  const name = need(french ? activity.nameFr : activity.nameEn, g.facts.name);
  // Affiliations are proper names and stay as registered; countries are named in the reader's language.
  const person = (p: (typeof leadership)[number]) => [p.name, p.affiliation, p.country ? (countryIn(p.country, locale) ?? need(null, g.facts.country(p.country))) : null].filter(Boolean).join(', ');
  const list = (items: string[]) => new Intl.ListFormat(french ? 'fr' : 'en', { type: 'conjunction' }).format(items);
  const chairs = leadership.filter((p) => p.role === 'chair').map(person);
  const coChairs = leadership.filter((p) => p.role === 'co_chair').map(person);
  const viceChairs = leadership.filter((p) => p.role === 'vice_chair').map(person);
  const leadershipText =
    chairs.length || coChairs.length
      ? g.leadership(coChairs.length ? list(coChairs) : null, list(chairs), viceChairs.length ? list(viceChairs) : null, viceChairs.length)
      : null;
  if (!leadershipText) need(null, g.facts.leadership);

  const parentName = parent ? (french ? parent.nameFr : parent.name) : null;
  const view: Record<string, unknown> = {
    name,
    acronym: activity.acronym,
    parent: parent ? (parentName ? (parentName.includes('(') ? parentName : `${parentName} (${parent.acronym})`) : need(null, g.facts.parentName)) : need(null, g.facts.parent),
    founding: profile.foundedFrom ? dateRange(profile.foundedFrom, profile.foundedTo ?? profile.foundedFrom, locale) : need(null, g.facts.founding),
    legalBasis: [french ? profile.recommendationFr : profile.recommendationEn, french ? profile.resolutionFr : profile.resolutionEn].filter(Boolean).join(french ? ' et à ' : ' and ') || need(null, g.facts.legalBasis),
    purpose: french ? need(tor?.scopeFr, g.facts.scopeFrench) : need(tor?.scope, g.facts.tor),
    leadership: leadershipText,
    participation: french ? need(tor?.participationFr, g.facts.participationFrench) : need(tor?.participation, g.facts.participation),
    webPage: activity.webPage,
    email: need(profile.email ?? activity.secretariatEmail, g.facts.email),
  };

  let meetingNumber: number | null = null;
  if (meeting) {
    meetingNumber = meeting.number;
    const start = localParts(meeting.startsAt, meeting.timeZone);
    const end = localParts(meeting.endsAt, meeting.timeZone);
    const dates = await tx.select().from(importantDates).where(eq(importantDates.meetingId, meeting.id)).orderBy(asc(importantDates.dueAt));
    const contribution = dates.find((d) => d.kind === 'contribution');
    const day = (instant: Date) => formatDate(isoOf(localParts(instant, meeting.timeZone)), locale);
    const language = languages[meeting.language.trim().toLowerCase()]?.[locale];
    view.meeting = {
      city: french ? need(meeting.cityFr, g.facts.cityFrench) : need(meeting.city, g.facts.city),
      date: isoOf(start) === isoOf(end) ? formatDate(isoOf(start), locale) : dateRange(isoOf(start), isoOf(end), locale),
      start: clockIn(start.minutes, locale),
      end: clockIn(end.minutes, locale),
      zone: french ? `heure de ${need(meeting.cityFr, g.facts.cityFrench)}, ${zoneAbbreviation(meeting.startsAt, meeting.timeZone)}` : `${need(meeting.city, g.facts.city)} time (${zoneAbbreviation(meeting.startsAt, meeting.timeZone)})`,
      // A co-located meeting given in one language only is still a fact of both circulars: the other names it missing.
      colocated: meeting.colocatedEvent || meeting.colocatedEventFr ? need(french ? meeting.colocatedEventFr : meeting.colocatedEvent, french ? g.facts.colocatedFrench : g.facts.colocated) : null,
      remote: meeting.mode !== 'physical',
      language: language ?? need(null, g.facts.language(meeting.language)),
      contributionDeadline: contribution ? day(contribution.dueAt) : need(null, g.facts.contributionDeadline),
      deadlines: dates.map((d) => ({ date: day(d.dueAt), label: d.kind === 'other' ? (french ? need(null, g.facts.deadlineFrench(d.label)) : d.label) : g.deadline[d.kind] })),
    };
    if (!dates.length) need(null, g.facts.deadlines);
    const ordinal = ordinals[locale][earlier.length] ?? `${earlier.length + 1}${french ? 'e' : 'th'}`;
    Object.assign(view, view.meeting as object, { ordinal, Ordinal: ordinal.replace(/^./, (c) => c.toUpperCase()) });
  } else if (kind === 'convene') need(null, g.facts.meeting);

  const parts = template(kind, locale);
  const render = (part: string) => loadMustache().render(parts[part] ?? '', view, {}, { escape: (s: string) => s }).trim();
  const body = render('body');
  const paragraphs: CircularText['paragraphs'] = [];
  let n = 0;
  for (const block of body.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim());
    if (!lines.length) continue;
    const [first, ...rest] = lines;
    const numbered = first!.startsWith('#. ');
    paragraphs.push({ number: numbered ? String(++n) : '', text: numbered ? first!.slice(3) : first!, rows: rest.filter((l) => l.includes('\t')).map((l) => l.split('\t', 2) as [string, string]) });
  }

  const objectives = (french ? tor?.objectivesFr : tor?.objectives) ?? [];
  // English objectives without their French text: the French annex names them missing rather than dropping them.
  const objectivesMissing = french && !objectives.length && Boolean(tor?.objectives.length);
  const annexAItems = [
    // "1 Scope" stands out as the objectives' heading does; the scope itself is a plain paragraph under it.
    { number: '1', text: g.scope },
    { number: '', text: french ? need(tor?.scopeFr, g.facts.scopeFrench) : need(tor?.scope, g.facts.tor) },
    ...(objectives.length ? [{ number: '2', text: g.objectives }, ...objectives.map((o) => ({ number: o.number.includes('.') ? o.number : `2.${o.number}`, text: o.text }))] : []),
    ...(objectivesMissing ? [{ number: '2', text: g.objectives }, { number: '', text: need(null, g.facts.objectivesFrench) }] : []),
  ];
  let annexB: CircularText['annexB'] = null;
  if (meeting) {
    const items = flattenAgenda(await workingAgenda(tx, meeting.id));
    annexB = {
      title: render('annex-b'),
      items: items.length
        ? items.map((i) => ({ number: i.number, text: french ? need(i.titleFr, g.facts.agendaItemFrench(i.number)) : i.title }))
        : [{ number: '', text: need(null, g.facts.agenda) }],
    };
  }

  const number = options.number?.trim() ? options.number.trim() : null;
  const today = options.date ?? new Date().toISOString().slice(0, 10);
  const subject = render('subject');
  const closing = render('closing').split('\n').map((l) => l.trim()).filter(Boolean);
  if (!profile.signatoryName) need(null, g.facts.signatory);
  return {
    locale,
    kind,
    meetingNumber,
    placeAndDate: g.placeAndDate(formatDate(today, locale)),
    details: [
      { label: g.labels.reference, value: number ? g.reference(number) : need(null, g.facts.number) },
      ...(profile.contactName ? [{ label: g.labels.contact, value: profile.contactName }] : []),
      { label: g.labels.telephone, value: need(profile.telephone, g.facts.telephone) },
      ...(profile.fax ? [{ label: g.labels.fax, value: profile.fax }] : []),
      { label: g.labels.email, value: String(view.email) },
    ],
    addressees: linesOr(french ? profile.addresseesFr : profile.addresseesEn, usualAddressees[locale]),
    copies: linesOr(french ? profile.copiesFr : profile.copiesEn, usualCopies[locale]),
    subject,
    opening: render('opening'),
    paragraphs,
    closing: [closing[0] ?? '', profile.signatoryName ?? g.missingMark(g.facts.signatory), (french ? profile.signatoryTitleFr : profile.signatoryTitleEn) ?? ''].filter(Boolean),
    annexA: { title: render('annex-a'), items: annexAItems },
    annexB,
    missing,
  };
}

/**
 * The circular as the platform's document model, for the DOCX and PDF writers, in the shape of a TSB circular: labels
 * with their colon, addressees and copies as dashed lists, numbered paragraphs, the closing and signature kept together
 * with room to sign, each annex on a new page.
 */
export function circularModel(text: CircularText): DocumentModel {
  const g = generatorMessages(text.locale);
  const colon = (label: string) => `${label}${text.locale === 'fr' ? '\u202f:' : ':'}`;
  const dashed = (lines: string[]) => lines.map((line) => `– ${line}`);
  const blocks: Block[] = [
    {
      kind: 'letterhead',
      sender: g.sender,
      placeAndDate: text.placeAndDate,
      details: text.details.map((d) => ({ label: colon(d.label), value: d.value })),
      addressees: { label: colon(g.labels.to), lines: dashed(text.addressees) },
      ...(text.copies.length ? { copies: { label: colon(g.labels.copy), lines: dashed(text.copies) } } : {}),
      subject: { label: colon(g.labels.subject), text: text.subject },
    },
    { kind: 'paragraph', text: text.opening },
  ];
  for (const p of text.paragraphs) {
    blocks.push(p.number ? { kind: 'item', number: p.number, depth: 1, text: p.text, plain: true } : { kind: 'paragraph', text: p.text });
    if (p.rows.length) blocks.push({ kind: 'table', widths: [0.3, 0.7], rows: p.rows.map(([date, what]) => [{ lines: [date] }, { lines: [what] }]) });
  }
  // "Yours faithfully," then room for the signature, the name and the title: one borderless row, which neither
  // writer splits over two pages, so the title never ends up alone on the next one.
  const [formula, ...signature] = text.closing;
  if (formula !== undefined) blocks.push({ kind: 'paragraph', text: '\u00a0' }, { kind: 'table', widths: [0.6, 0.4], borderless: true, rows: [[{ lines: [formula, '\u00a0', '\u00a0', ...signature] }, { lines: [''] }]] });
  for (const annex of [text.annexA, text.annexB]) {
    if (!annex) continue;
    blocks.push({ kind: 'page-break' }, { kind: 'heading', level: 1, text: annex.title });
    for (const item of annex.items) blocks.push(item.number ? { kind: 'item', number: item.number, depth: item.number.split('.').length, text: item.text } : { kind: 'paragraph', text: item.text });
  }
  return { locale: text.locale, title: text.subject, subject: text.subject, footer: { pageNumbers: true }, blocks };
}
