// An activity's history as an Atom feed (RFC 4287): what a visitor without a session may see of it, since a feed
// reader has none and a feed's address gets shared. Built as text with every value escaped.
import type { Locale } from '../../platform/i18n/locale.ts';
import { platformMessages } from '../../platform/i18n/messages.ts';
import { xmlText as xml } from '../../platform/xml-text.ts';
import type { HistoryEntry } from './history.ts';

export function historyFeed(activity: { acronym: string; nameEn: string; nameFr?: string | null }, entries: HistoryEntry[], options: { baseUrl: string; feedPath: string; pagePath: string; locale: Locale }): string {
  const t = platformMessages(options.locale).history;
  const url = (p: string) => new URL(p, options.baseUrl).toString();
  const host = new URL(options.baseUrl).hostname;
  const colon = options.locale === 'fr' ? ' : ' : ': ';
  const items = entries.map((e) => {
    const who = e.actorUserId === null ? t.system : e.actorName;
    const lines = e.changes.map((c) => `${c.label}${colon}${e.created ? (c.after.whole ?? c.after.text) : `${c.before.whole ?? c.before.text} → ${c.after.whole ?? c.after.text}`}`);
    return [
      '  <entry>',
      `    <id>tag:${xml(host)},2023:event:${e.id}</id>`,
      `    <title>${xml(e.summary)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(url(`${options.pagePath}#event-${e.id}`))}"/>`,
      `    <updated>${e.at.toISOString()}</updated>`,
      `    <author><name>${xml(who)}</name></author>`,
      ...(lines.length ? [`    <content type="text">${xml(lines.join('\n'))}</content>`] : []),
      '  </entry>',
    ].join('\n');
  });
  const name = options.locale === 'fr' && activity.nameFr ? activity.nameFr : activity.nameEn;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${options.locale}">`,
    `  <id>${xml(url(options.feedPath))}</id>`,
    `  <title>${xml(t.feedTitle(activity.acronym))}</title>`,
    `  <subtitle>${xml(name)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(url(options.feedPath))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(url(options.pagePath))}"/>`,
    `  <updated>${(entries[0]?.at ?? new Date(0)).toISOString()}</updated>`,
    `  <author><name>${xml(activity.acronym)}</name></author>`,
    '  <generator>Concord</generator>',
    ...items,
    '</feed>',
    '',
  ].join('\n');
}
