import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDate, formatDateTime, formatTime, isLocale, negotiateLocale, zoneName } from './locale.ts';

describe('negotiateLocale', () => {
  it('answers English when the browser says nothing', () => {
    assert.equal(negotiateLocale(undefined), 'en');
    assert.equal(negotiateLocale(''), 'en');
  });

  it('takes the first supported language in the order given when weights are equal', () => {
    assert.equal(negotiateLocale('fr'), 'fr');
    assert.equal(negotiateLocale('fr, en'), 'fr');
    assert.equal(negotiateLocale('en, fr'), 'en');
  });

  it('ranks by weight, not by position', () => {
    assert.equal(negotiateLocale('en;q=0.4, fr;q=0.9'), 'fr');
    assert.equal(negotiateLocale('fr;q=0.5, en'), 'en');
    assert.equal(negotiateLocale('fr ; q=0.8 , en ; q=0.7'), 'fr');
  });

  it('matches a regional variant to its language', () => {
    assert.equal(negotiateLocale('fr-CH'), 'fr');
    assert.equal(negotiateLocale('fr-CH, fr;q=0.9, en;q=0.8'), 'fr');
    assert.equal(negotiateLocale('FR-ca'), 'fr');
    assert.equal(negotiateLocale('en-GB,en-US;q=0.9'), 'en');
  });

  it('skips unsupported languages to the next supported one', () => {
    assert.equal(negotiateLocale('de-DE, de;q=0.9, fr;q=0.5, en;q=0.3'), 'fr');
    assert.equal(negotiateLocale('ja, zh-CN;q=0.8'), 'en');
    assert.equal(negotiateLocale('*'), 'en');
  });

  it('ignores a language refused with q=0 and a weight that is not a number', () => {
    assert.equal(negotiateLocale('fr;q=0, en;q=0.1'), 'en');
    assert.equal(negotiateLocale('fr;q=0'), 'en');
    assert.equal(negotiateLocale('fr;q=abc, en;q=0.1'), 'en');
  });
});

describe('isLocale', () => {
  it('knows exactly the two supported languages', () => {
    assert.equal(isLocale('en'), true);
    assert.equal(isLocale('fr'), true);
    assert.equal(isLocale('de'), false);
    assert.equal(isLocale('FR'), false);
    assert.equal(isLocale(undefined), false);
  });
});

describe('formatting for readers', () => {
  it('writes an instant in the reader language with its time zone', () => {
    const instant = new Date('2022-12-12T09:30:00Z');
    assert.equal(formatDateTime(instant, 'en'), '12 Dec 2022, 09:30 UTC');
    assert.equal(formatDateTime(instant, 'fr'), '12 décembre 2022 à 9\u00a0h\u00a030 UTC');
    assert.equal(formatDateTime(instant, 'en', 'Europe/Zurich'), '12 Dec 2022, 10:30 CET');
    assert.equal(formatDateTime(instant, 'fr', 'Europe/Zurich'), '12 décembre 2022 à 10\u00a0h\u00a030 HNEC');
  });

  it('names each zone one way per language: French abbreviations where English has them, else the offset', () => {
    const winter = new Date('2027-02-01T13:00:00Z');
    const summer = new Date('2026-07-01T13:00:00Z');
    assert.equal(formatDateTime(summer, 'fr', 'Europe/Zurich'), '1er juillet 2026 à 15\u00a0h HAEC');
    assert.equal(formatDateTime(summer, 'en', 'Europe/Zurich'), '1 Jul 2026, 15:00 CEST');
    assert.equal(zoneName(winter, 'fr', 'Europe/Helsinki'), 'HNEE');
    assert.equal(zoneName(winter, 'fr', 'Europe/Lisbon'), 'HNEO');
    assert.equal(zoneName(winter, 'fr', 'Europe/London'), 'UTC');
    assert.equal(zoneName(summer, 'en', 'Europe/London'), 'BST');
    assert.equal(zoneName(summer, 'fr', 'Europe/London'), 'UTC+1');
    assert.equal(zoneName(winter, 'en', 'America/New_York'), 'GMT-5');
    assert.equal(zoneName(winter, 'fr', 'America/New_York'), 'UTC\u22125');
    assert.equal(formatTime(winter, 'fr', 'Asia/Tokyo'), '22\u00a0h UTC+9');
    assert.equal(formatTime(winter, 'en', 'Asia/Tokyo'), '22:00 GMT+9');
  });

  it('writes a calendar date without shifting it to another day', () => {
    assert.equal(formatDate('2022-12-16', 'en'), '16 December 2022');
    assert.equal(formatDate('2022-12-16', 'fr'), '16 décembre 2022');
    assert.equal(formatDate('2023-01-01', 'en'), '1 January 2023');
    assert.equal(formatDate('2023-01-01', 'fr'), '1er janvier 2023');
  });
});
