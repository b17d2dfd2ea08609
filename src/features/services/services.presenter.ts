import { classify } from '../disclosure/classification.ts';
import type { Disclosure } from '../disclosure/disclosure.schema.ts';
import type { SearchRow, ServiceRecord } from './services.repository.ts';

/** Fields exposed in lists (API and HTML share them). */
export function presentSummary(r: SearchRow) {
  return {
    id: r.publicId,
    name: { ko: r.name, en: r.nameEn },
    summary: { ko: r.summary, en: r.summaryEn },
    body: { code: r.bodyCode, name: { ko: r.bodyNameKo, en: r.bodyNameEn } },
    field: r.field,
    technologyTypes: r.techTypes,
    status: r.status,
    personalData: r.personal,
    highImpact: r.highImpact,
    generative: r.generative,
    example: r.isExample,
    publishedAt: r.publishedAt.toISOString(),
    url: `/services/${r.publicId}`,
  };
}

/**
 * The disclosure as the public sees it: an imported record keeps its provenance (standard, key,
 * original record, import time), without the name of the file an officer uploaded (internal).
 */
export function publicDisclosure(d: Disclosure): Disclosure {
  const source = (d as { source?: Record<string, unknown> }).source;
  if (!source || !('file' in source)) return d;
  const { file: _file, ...rest } = source;
  return { ...d, source: rest } as Disclosure;
}

/** The full published record. */
export function presentService(r: ServiceRecord) {
  const disclosure = publicDisclosure(r.disclosure as Disclosure);
  const c = classify(disclosure);
  return {
    id: r.publicId,
    version: r.versionNo,
    publishedAt: r.publishedAt.toISOString(),
    firstPublishedAt: new Date(r.firstPublishedAt).toISOString(),
    changeReason: r.changeReason,
    example: r.isExample,
    body: { code: r.bodyCode, kind: r.bodyKind, name: { ko: r.bodyNameKo, en: r.bodyNameEn } },
    classification: { highImpact: c.highImpact, generative: c.generative, reasons: c.reasons },
    disclosure,
    url: `/services/${r.publicId}`,
  };
}
