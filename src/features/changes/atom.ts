/**
 * Atom 1.0 (RFC 4287) feeds of published changes. Everything that goes into the document passes
 * through `xml()`: markup characters are escaped and characters XML 1.0 forbids are dropped, so a
 * change reason like `<script>&"` stays text and the feed stays well-formed.
 */

/** Tag URIs (RFC 4151) under the province's domain: stable whichever host serves the registry. */
export const TAG_BASE = 'tag:gg.go.kr,2025:ai-registry';

// Control characters other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF are not allowed in XML 1.0.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xml(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface AtomEntry {
  id: string;
  title: string;
  updated: Date;
  url: string;
  summary: string;
  author: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  lang: 'ko' | 'en';
  selfUrl: string;
  alternateUrl: string;
  author: string;
  entries: AtomEntry[];
}

const EMPTY_FEED_UPDATED = new Date(0);

export function renderAtom(feed: AtomFeed): string {
  const updated = feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), EMPTY_FEED_UPDATED);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.lang}">`,
    `  <id>${xml(feed.id)}</id>`,
    `  <title type="text">${xml(feed.title)}</title>`,
    feed.subtitle ? `  <subtitle type="text">${xml(feed.subtitle)}</subtitle>` : '',
    `  <updated>${updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(feed.alternateUrl)}"/>`,
    `  <author><name>${xml(feed.author)}</name></author>`,
    `  <rights>${xml(feed.lang === 'ko' ? '공공누리 제1유형' : 'KOGL Type 1')}</rights>`,
    ...feed.entries.map((e) =>
      [
        '  <entry>',
        `    <id>${xml(e.id)}</id>`,
        `    <title type="text">${xml(e.title)}</title>`,
        `    <updated>${e.updated.toISOString()}</updated>`,
        `    <link rel="alternate" type="text/html" href="${xml(e.url)}"/>`,
        `    <author><name>${xml(e.author)}</name></author>`,
        ...(e.categories ?? []).map((c) => `    <category term="${xml(c)}"/>`),
        `    <summary type="text">${xml(e.summary)}</summary>`,
        '  </entry>',
      ].join('\n'),
    ),
    '</feed>',
    '',
  ];
  return lines.filter((l) => l !== '').join('\n') + '\n';
}
