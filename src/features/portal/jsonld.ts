import type { Disclosure } from '../disclosure/disclosure.schema.ts';
import type { ServiceRecord } from '../services/services.repository.ts';

/** schema.org markup for a service page, as a script tag; `<` is escaped so no text can end the tag. */
export function serviceJsonLd(r: ServiceRecord, d: Disclosure): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    identifier: r.publicId,
    name: d.name.ko,
    alternateName: d.name.en,
    description: d.summary.ko,
    provider: { '@type': 'GovernmentOrganization', name: r.bodyNameKo, identifier: r.bodyCode },
    areaServed: '경기도',
    dateModified: r.publishedAt.toISOString(),
    version: String(r.versionNo),
  };
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return `<script type="application/ld+json">${json}</script>`;
}
