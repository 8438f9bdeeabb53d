import type { LanguageMap } from '../../../xapi/statement.js';

/** The language ranges of an `Accept-Language` header, best first (RFC 7231 5.3.5). */
export function parseAcceptLanguage(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((entry, order) => {
      const [range = '', ...params] = entry.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { range: range.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((e) => e.range !== '' && e.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
    .map((e) => e.range);
}

/**
 * Keeps one entry of a language map: the first preferred range that matches a tag exactly or as a
 * prefix (either way), `*` for any, and otherwise the map's first entry.
 */
export function pickLanguage(map: LanguageMap, preferred: readonly string[]): LanguageMap {
  const tags = Object.keys(map);
  if (tags.length <= 1) return map;
  const lower = tags.map((t) => t.toLowerCase());
  for (const range of preferred) {
    if (range === '*') return { [tags[0]!]: map[tags[0]!]! };
    let index = lower.indexOf(range);
    if (index < 0) index = lower.findIndex((t) => t.startsWith(`${range}-`) || range.startsWith(`${t}-`));
    if (index >= 0) return { [tags[index]!]: map[tags[index]!]! };
  }
  return { [tags[0]!]: map[tags[0]!]! };
}
