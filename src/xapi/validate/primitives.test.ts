import { describe, expect, it } from 'vitest';
import {
  isDuration,
  isIri,
  isIrl,
  isLanguageTag,
  isMailtoIri,
  isMediaType,
  isSha1Hex,
  isSha2Hex,
  isStatementVersion,
  isTimestamp,
  isUuid,
} from './primitives.js';

describe('IRIs', () => {
  it('accepts absolute IRIs of any scheme, including non-ASCII ones', () => {
    for (const iri of [
      'http://adlnet.gov/expapi/verbs/attempted',
      'https://example.com/xapi/verbs#defenestrated',
      'urn:uuid:8c1f4e2a-7b3d-4c5e-9f60-a1b2c3d4e5f6',
      'mailto:ann@example.com',
      'http://example.com/فعل/خواندن',
      'tag:example.com,2024:x%20y',
    ]) {
      expect(isIri(iri), iri).toBe(true);
    }
  });

  it('rejects relative references, spaces, forbidden characters and broken escapes', () => {
    for (const iri of [
      '',
      'abc',
      '/a/b',
      '#frag',
      '1http://x',
      'http:',
      'http://a b',
      'http://x/<y>',
      'http://x/%zz',
      'a:b#c#d',
      'a:\ud800',
    ]) {
      expect(isIri(iri), iri).toBe(false);
    }
  });

  it('accepts as IRLs only IRIs with a host', () => {
    expect(isIrl('https://lms.example.com/')).toBe(true);
    expect(isIrl('http://localhost:18000')).toBe(true);
    expect(isIrl('urn:isbn:0451450523')).toBe(false);
    expect(isIrl('https:///path')).toBe(false);
    expect(isIrl('https://')).toBe(false);
  });

  it('accepts a mailto IRI only with exactly one address', () => {
    expect(isMailtoIri('mailto:ann@example.com')).toBe(true);
    for (const mbox of [
      'mailto:',
      'mailto:ann',
      'mailto:@example.com',
      'mailto:ann@',
      'mailto:a@b@c',
      'ann@example.com',
    ]) {
      expect(isMailtoIri(mbox), mbox).toBe(false);
    }
  });
});

describe('UUIDs and hashes', () => {
  it('accepts UUIDs in standard string form in either case, whatever their variant', () => {
    expect(isUuid('fd41c918-b88b-4b20-a0a5-a4c32391aaa0')).toBe(true);
    expect(isUuid('AA97B177-9383-4934-8543-0F91A7A02836')).toBe(true);
    expect(isUuid('12345678-1234-5678-1234-567812345678')).toBe(true);
  });

  it('rejects UUIDs with the wrong length, non-hex digits or missing dashes', () => {
    for (const uuid of [
      'AA97B177-9383-4934-8543-0F91A7A028368',
      'MA97B177-9383-4934-8543-0F91A7A02836',
      'fd41c918b88b4b20a0a5a4c32391aaa0',
      '{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}',
    ]) {
      expect(isUuid(uuid), uuid).toBe(false);
    }
  });

  it('checks SHA-1 and SHA-2 hex lengths', () => {
    expect(isSha1Hex('ebd31e95054c018b10727ccffd2ef2ec3a016ee9')).toBe(true);
    expect(isSha1Hex('ebd31e95054c018b10727ccffd2ef2ec3a016eeg')).toBe(false);
    expect(isSha2Hex('672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634')).toBe(true);
    expect(isSha2Hex('a'.repeat(128))).toBe(true);
    expect(isSha2Hex('a'.repeat(40))).toBe(false);
  });
});

describe('language tags', () => {
  it('accepts well-formed RFC 5646 tags', () => {
    for (const tag of [
      'en',
      'en-US',
      'es-419',
      'zh-Hant-TW',
      'tlh',
      'sl-rozaj-biske',
      'de-CH-1901',
      'en-a-bbb-x-ccc',
      'x-whatever',
      'i-klingon',
      'zh-min-nan',
      'EN-gb',
    ]) {
      expect(isLanguageTag(tag), tag).toBe(true);
    }
  });

  it('accepts well-formed tags without looking them up in the registry', () => {
    expect(isLanguageTag('english')).toBe(true);
    expect(isLanguageTag('qq-QQ')).toBe(true);
  });

  it('rejects malformed tags', () => {
    for (const tag of [
      '',
      'a12345',
      'en_US',
      'e',
      'en-',
      'en--US',
      'en-US-',
      'toolonglanguage',
      'en-x',
      'en-a',
      'x',
      '12',
    ]) {
      expect(isLanguageTag(tag), tag).toBe(false);
    }
  });
});

describe('timestamps', () => {
  it('accepts extended and basic ISO 8601 forms with a zone', () => {
    for (const ts of [
      '2015-11-18T12:17:00+00:00',
      '2013-04-01T12:00:00Z',
      '2020-07-15T06:36:01.917775+00:00',
      '2015-11-18T12:17Z',
      '2015-11-18T12:17:00,5-05',
      '20151118T121700.123+0530',
      '2016-12-31T23:59:60Z',
      '2024-02-29T00:00:00Z',
    ]) {
      expect(isTimestamp(ts, '1.0.3'), ts).toBe(true);
    }
  });

  it('rejects malformed dates, times and zones', () => {
    for (const ts of [
      '01/011/2015',
      'should fail',
      '2015-11-18',
      '2015-11-18T12:17:00',
      '2015-13-01T00:00:00Z',
      '2015-11-31T00:00:00Z',
      '2015-11-18T24:00:00Z',
      '2015-11-18T12:17:00.Z',
      '2015-11-18T12:17:00+24:00',
      '2015-11-18T12:17:00Zjunk',
      '2015-11-18t12:17:00Z',
    ]) {
      expect(isTimestamp(ts, '1.0.3'), ts).toBe(false);
    }
  });

  it('accepts the RFC 3339 lowercase and space forms only in 2.0', () => {
    for (const ts of ['2015-11-18t12:17:00z', '2015-11-18 12:17:00+01:00']) {
      expect(isTimestamp(ts, '2.0.0'), ts).toBe(true);
      expect(isTimestamp(ts, '1.0.3'), ts).toBe(false);
    }
  });
});

describe('durations, media types and versions', () => {
  it('accepts ISO 8601 durations and rejects other strings', () => {
    for (const d of [
      'PT4H35M59.14S',
      'PT16559.14S',
      'P3Y1M29DT4H35M59.14S',
      'P3Y',
      'P4W',
      'PT1H0M0.1S',
      'P1D',
      'PT0,5S',
    ]) {
      expect(isDuration(d), d).toBe(true);
    }
    for (const d of ['P', 'PT', 'P1DT', 'P4W1D', 'PA1H0M0S', 'pt1h', 'P1H', '1:00:00', '-PT1S']) {
      expect(isDuration(d), d).toBe(false);
    }
  });

  it('accepts Internet Media Types with parameters', () => {
    expect(isMediaType('application/octet-stream')).toBe(true);
    expect(isMediaType('text/plain; charset=ascii')).toBe(true);
    expect(isMediaType('multipart/mixed; boundary="a b"')).toBe(true);
    expect(isMediaType('text')).toBe(false);
    expect(isMediaType('text/plain;')).toBe(false);
  });

  it('accepts statement versions of the validated xAPI version only', () => {
    expect(isStatementVersion('1.0.3', '1.0.3')).toBe(true);
    expect(isStatementVersion('1.0', '1.0.3')).toBe(true);
    expect(isStatementVersion('1.0.', '1.0.3')).toBe(false);
    expect(isStatementVersion('2.0.0', '2.0.0')).toBe(true);
    expect(isStatementVersion('1.0.0', '2.0.0')).toBe(false);
  });
});
