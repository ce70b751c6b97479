import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTimeZone, timeZoneOptionsHtml } from './time-zones.tsx';

describe('time zones', () => {
  it('takes IANA names and refuses abbreviations, offsets and made-up places', () => {
    for (const zone of ['Europe/Zurich', 'America/New_York', 'Asia/Kolkata', 'UTC']) assert.equal(isTimeZone(zone), true, zone);
    for (const zone of ['CET+1', 'Mars/Olympus_Mons', '', 'Europe/Zurich ', `Europe/${'x'.repeat(80)}`]) assert.equal(isTimeZone(zone), false, zone);
  });

  it('groups the zones by region in the reader’s language, the city first, UTC (none chosen) first', () => {
    const en = timeZoneOptionsHtml('en', 'Asia/Tokyo');
    assert.match(en, /^<option value(="")?>UTC \(no time zone chosen\)<\/option><optgroup label="Africa">/);
    assert.match(en, /<option value="Asia\/Tokyo" selected>Tokyo — Asia\/Tokyo<\/option>/);
    assert.match(en, /<option value="America\/Indiana\/Knox">Indiana \/ Knox — America\/Indiana\/Knox<\/option>/);
    assert.match(en, /<option value="America\/Los_Angeles">Los Angeles — America\/Los_Angeles<\/option>/);
    assert.equal((en.match(/ selected/g) ?? []).length, 1);
    const fr = timeZoneOptionsHtml('fr', null);
    assert.match(fr, /^<option value(="")? selected>UTC \(aucun fuseau choisi\)<\/option>/);
    assert.match(fr, /<optgroup label="Océan Pacifique">[\s\S]*Pacific\/Auckland/);
    // Every option outside the first is a valid zone of its region's group.
    for (const [, value] of en.matchAll(/<option value="([^"]+)"/g)) assert.ok(isTimeZone(value ?? ''), String(value));
  });
});
