import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { Lang } from '../../platform/i18n/i18n.ts';
import { findBodyByCode } from '../bodies/bodies.repository.ts';
import { pick } from '../disclosure/disclosure.fields.ts';
import type { Disclosure } from '../disclosure/disclosure.schema.ts';
import { findPublishedService, listVersions } from '../services/services.repository.ts';
import { renderAtom, TAG_BASE, type AtomEntry } from './atom.ts';
import * as repo from './changes.repository.ts';
import type { DiffQuery } from './changes.schema.ts';
import { PUBLIC_ID } from './changes.schema.ts';
import { changedItemKeys, diffDisclosures, type DiffItem } from './diff.ts';
import { CHANGES_FEED, bodyFeed, changesHref, diffHref, serviceFeed, versionHref } from './links.ts';
import { csvCell } from '../../platform/csv/csv-cell.ts';

export type VersionSummary = Awaited<ReturnType<typeof listVersions>>[number];

const versionNotFound = (n: number, max: number) =>
  new AppError(404, 'VERSION_NOT_FOUND', `버전 ${n}은(는) 없습니다. 이 서비스의 공개 버전은 1부터 ${max}까지입니다.`, `There is no version ${n}; this service has versions 1 to ${max}.`);

/** A published version as the public saw it, with the list of all versions. */
export async function showVersion(db: Kysely<DB>, publicId: string, versionNo: number) {
  if (!PUBLIC_ID.test(publicId)) throw notFound();
  const record = await repo.findVersion(db, publicId, versionNo);
  if (!record) {
    const current = await findPublishedService(db, publicId);
    if (!current) throw notFound();
    throw versionNotFound(versionNo, current.versionNo);
  }
  const versions = await listVersions(db, record.serviceId);
  return { record, disclosure: record.disclosure as Disclosure, versions };
}

export interface Comparison {
  record: NonNullable<Awaited<ReturnType<typeof findPublishedService>>>;
  versions: VersionSummary[];
  from: VersionSummary;
  to: VersionSummary;
  items: DiffItem[];
  changedCount: number;
  all: boolean;
}

/** Two versions of a service compared item by item; without versions, the newest change. */
export async function compareVersions(db: Kysely<DB>, publicId: string, query: DiffQuery, lang: Lang): Promise<Comparison> {
  if (!PUBLIC_ID.test(publicId)) throw notFound();
  const record = await findPublishedService(db, publicId);
  if (!record) throw notFound();
  const versions = await listVersions(db, record.serviceId);
  let fromNo = query.from;
  let toNo = query.to;
  if (fromNo === undefined || toNo === undefined) {
    if (versions.length < 2) {
      throw new AppError(404, 'NO_EARLIER_VERSION', '이 서비스는 공개된 버전이 하나뿐이어서 비교할 수 없습니다.', 'This service has only one published version; there is nothing to compare.');
    }
    toNo = versions[0].versionNo;
    fromNo = versions[1].versionNo;
  }
  const max = versions[0]?.versionNo ?? 0;
  const from = versions.find((v) => v.versionNo === fromNo);
  const to = versions.find((v) => v.versionNo === toNo);
  if (!from) throw versionNotFound(fromNo, max);
  if (!to) throw versionNotFound(toNo, max);
  const rows = await repo.versionDisclosures(db, record.serviceId, [from.versionNo, to.versionNo]);
  const disclosureOf = (n: number) => rows.find((r) => r.versionNo === n)!.disclosure as Disclosure;
  const all = query.all ?? false;
  const items = diffDisclosures(disclosureOf(from.versionNo), disclosureOf(to.versionNo), { lang, all });
  return { record, versions, from, to, items, changedCount: items.filter((i) => i.change).length, all };
}

export interface Change extends Omit<repo.ChangeRow, 'disclosure' | 'previousDisclosure'> {
  changed: DiffItem[];
}

function describe(row: repo.ChangeRow, lang: Lang): Change {
  const { disclosure, previousDisclosure, ...rest } = row;
  const changed = previousDisclosure ? diffDisclosures(previousDisclosure as Disclosure, disclosure as Disclosure, { lang }) : [];
  return { ...rest, changed };
}

export const CHANGES_PAGE_SIZE = 30;

/** Registry-wide recent changes, optionally of one body, a page at a time. */
export async function recentChanges(db: Kysely<DB>, filter: { body?: string; page: number }, lang: Lang) {
  if (filter.body && !(await findBodyByCode(db, filter.body))) {
    throw new AppError(400, 'UNKNOWN_BODY', `기관코드 ${filter.body} 에 해당하는 기관이 없습니다.`, `No body with code ${filter.body}.`, [
      { field: 'body', code: 'UNKNOWN_BODY', message: '기관코드를 확인하십시오.', messageEn: 'Check the body code.' },
    ]);
  }
  const result = await repo.listChanges(db, { bodyCode: filter.body, page: filter.page, pageSize: CHANGES_PAGE_SIZE });
  return { items: result.items.map((r) => describe(r, lang)), total: result.total, page: filter.page, pageSize: CHANGES_PAGE_SIZE };
}

// ---- Atom feeds ----

export type FeedScope = { kind: 'all' } | { kind: 'body'; code: string } | { kind: 'service'; publicId: string };
export const FEED_SIZE = 50;

/** The changes feed of the registry, a body or a service, with absolute links on `origin`. */
export async function changesFeed(db: Kysely<DB>, scope: FeedScope, origin: string, lang: Lang): Promise<string> {
  const ko = lang === 'ko';
  const site = ko ? '경기도 공공부문 AI 등록부' : 'Gyeonggi Public AI Registry';
  let title: string;
  let id: string;
  let self: string;
  let alternate: string;
  let filter: { bodyCode?: string; publicId?: string } = {};
  if (scope.kind === 'body') {
    const body = /^[A-Za-z0-9-]{1,40}$/.test(scope.code) ? await findBodyByCode(db, scope.code) : undefined;
    if (!body) throw notFound();
    title = `${ko ? body.nameKo : body.nameEn || body.nameKo}: ${ko ? 'AI 서비스 변경 이력' : 'AI service changes'}`;
    id = `${TAG_BASE}:bodies:${body.code}`;
    self = bodyFeed(body.code);
    alternate = changesHref(lang, body.code);
    filter = { bodyCode: body.code };
  } else if (scope.kind === 'service') {
    if (!PUBLIC_ID.test(scope.publicId)) throw notFound();
    const record = await findPublishedService(db, scope.publicId);
    if (!record) throw notFound();
    const d = record.disclosure as Disclosure;
    title = `${ko ? d.name.ko : d.name.en || d.name.ko}: ${ko ? '변경 이력' : 'version history'}`;
    id = `${TAG_BASE}:services:${record.publicId}`;
    self = serviceFeed(record.publicId);
    alternate = `/services/${record.publicId}${ko ? '' : '?lang=en'}`;
    filter = { publicId: record.publicId };
  } else {
    title = `${site}: ${ko ? '최근 변경' : 'recent changes'}`;
    id = `${TAG_BASE}:changes`;
    self = CHANGES_FEED;
    alternate = changesHref(lang);
  }
  const { items } = await repo.listChanges(db, { ...filter, page: 1, pageSize: FEED_SIZE });
  const entries = items.map((row): AtomEntry => {
    const c = describe(row, lang);
    const name = ko ? c.name : c.nameEn || c.name;
    const first = c.versionNo === 1;
    const lines = first
      ? [
          ko ? `새 AI 서비스가 등록되었습니다. 기관: ${c.bodyNameKo}` : `A new AI service was registered by ${c.bodyNameEn || c.bodyNameKo}.`,
          pick((row.disclosure as Disclosure).summary, lang),
        ]
      : [
          `${ko ? '변경 사유' : 'Reason for change'}: ${c.changeReason ?? ''}`,
          `${ko ? '변경 항목' : 'Changed items'}: ${c.changed.map((i) => i.label[lang]).join(', ') || (ko ? '없음' : 'none')}`,
        ];
    return {
      id: `${TAG_BASE}:services:${c.publicId}:v${c.versionNo}`,
      title: first ? `${ko ? '[신규 등록]' : '[New]'} ${name}` : `${ko ? '[변경]' : '[Changed]'} ${name} v${c.versionNo}`,
      updated: c.publishedAt,
      url: origin + (first ? versionHref(c.publicId, 1, lang) : diffHref(c.publicId, c.versionNo - 1, c.versionNo, lang)),
      summary: lines.join('\n'),
      author: ko ? c.bodyNameKo : c.bodyNameEn || c.bodyNameKo,
      categories: [c.bodyCode, ...(c.isExample ? ['example'] : [])],
    };
  });
  return renderAtom({
    id, title, lang, entries,
    subtitle: ko ? '공개된 AI 서비스의 신규 등록과 변경' : 'New and changed AI service disclosures',
    selfUrl: origin + self + (ko ? '' : '?lang=en'),
    alternateUrl: origin + alternate,
    author: ko ? '경기도' : 'Gyeonggi Province',
  });
}

// ---- history export ----

export interface HistoryItem {
  publicId: string;
  bodyCode: string;
  version: number;
  publishedAt: string;
  changeReason: string | null;
  name: string;
  changedItems: string[];
  example: boolean;
}

/** One item per published version, with the items changed since the version before. */
async function* history(db: Kysely<DB>): AsyncGenerator<HistoryItem[]> {
  let previous: { publicId: string; disclosure: Disclosure } | undefined;
  for await (const page of repo.streamHistory(db)) {
    const out: HistoryItem[] = [];
    for (const r of page) {
      const d = r.disclosure as Disclosure;
      const before = previous?.publicId === r.publicId ? previous.disclosure : undefined;
      out.push({
        publicId: r.publicId, bodyCode: r.bodyCode, version: r.versionNo, publishedAt: r.publishedAt.toISOString(),
        changeReason: r.changeReason, name: d.name.ko, changedItems: changedItemKeys(before, d), example: r.isExample,
      });
      previous = { publicId: r.publicId, disclosure: d };
    }
    yield out;
  }
}

export const HISTORY_COLUMNS = ['public_id', 'body_code', 'version', 'published_at', 'change_reason', 'name', 'changed_items', 'is_example'] as const;

/** CSV, UTF-8 with BOM, one row per published version; changed item keys separated by `;`. */
export function historyCsv(db: Kysely<DB>): Readable {
  return Readable.from((async function* () {
    yield '\uFEFF' + HISTORY_COLUMNS.join(',') + '\r\n';
    for await (const page of history(db)) {
      yield page.map((h) => [h.publicId, h.bodyCode, h.version, h.publishedAt, h.changeReason, h.name, h.changedItems.join(';'), h.example].map(csvCell).join(',') + '\r\n').join('');
    }
  })());
}

/** JSON: { generatedAt, items: [{ id, body, version, publishedAt, changeReason, name, changedItems, example }] }, streamed. */
export function historyJson(db: Kysely<DB>): Readable {
  return Readable.from((async function* () {
    yield `{"generatedAt":${JSON.stringify(new Date().toISOString())},"items":[`;
    let first = true;
    for await (const page of history(db)) {
      let chunk = '';
      for (const h of page) {
        chunk += (first ? '' : ',') + JSON.stringify({ id: h.publicId, body: h.bodyCode, version: h.version, publishedAt: h.publishedAt, changeReason: h.changeReason, name: h.name, changedItems: h.changedItems, example: h.example });
        first = false;
      }
      yield chunk;
    }
    yield ']}';
  })());
}
