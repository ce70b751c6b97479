// IANA time zones: which names are valid, and the grouped list a reader chooses theirs from (account page).
import { IANAZone } from 'luxon';
import { renderToString } from 'preact-render-to-string';
import type { Locale } from './locale.ts';
import { platformMessages } from './messages.ts';

/** Whether `zone` is an IANA zone name the tz database knows ("Europe/Zurich", "UTC"); "CET+1" or "Mars/Olympus" are not. */
export function isTimeZone(zone: string): boolean {
  return zone.length <= 64 && IANAZone.isValidZone(zone);
}

type Region = keyof ReturnType<typeof platformMessages>['account']['zoneRegions'];

/** The canonical zones of this runtime's ICU, grouped by their region (the part before the first "/"), sorted. */
const zonesByRegion: ReadonlyMap<Region, string[]> = (() => {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = ['Europe/Zurich', 'America/New_York', 'Asia/Tokyo'];
  }
  const known = new Set(Object.keys(platformMessages('en').account.zoneRegions));
  const groups = new Map<Region, string[]>();
  for (const zone of zones) {
    if (zone === 'UTC') continue;
    const prefix = zone.split('/')[0]!;
    const region = (zone.includes('/') && known.has(prefix) ? prefix : 'other') as Region;
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  for (const list of groups.values()) list.sort();
  return groups;
})();

/** How a zone reads in the list: "Zurich (Europe)" would hide the key a reader types, so the city comes first. */
const labelOf = (zone: string) => {
  const parts = zone.split('/');
  return parts.length > 1 ? `${parts.slice(1).join(' / ').replaceAll('_', ' ')} — ${zone}` : zone;
};

const optionsCache = new Map<string, string>();

/**
 * The ~420 zones as <option>s in an <optgroup> per region, UTC first, for a native <select>: without JavaScript a
 * browser finds an option by the letters typed (the city comes first in each label for that). Rendered once per
 * language and selected zone (rendering them as elements on every page took a tenth of the meeting page's budget).
 */
export function timeZoneOptionsHtml(locale: Locale, selected: string | null): string {
  const key = `${locale}|${selected ?? ''}`;
  let html = optionsCache.get(key);
  if (!html) {
    const words = platformMessages(locale).account;
    html = renderToString(
      <>
        <option value="" selected={!selected || selected === 'UTC'}>
          {words.timeZoneUtc}
        </option>
        {[...zonesByRegion.entries()]
          .sort(([a], [b]) => (a === 'other' ? 1 : b === 'other' ? -1 : words.zoneRegions[a].localeCompare(words.zoneRegions[b], locale)))
          .map(([region, zones]) => (
            <optgroup label={words.zoneRegions[region]}>
              {zones.map((zone) => (
                <option value={zone} selected={zone === selected}>
                  {labelOf(zone)}
                </option>
              ))}
            </optgroup>
          ))}
      </>,
    );
    if (optionsCache.size < 1000) optionsCache.set(key, html);
  }
  return html;
}
