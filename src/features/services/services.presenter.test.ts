import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aDisclosure } from '../../../test/support/factories.ts';
import { presentService } from './services.presenter.ts';
import type { ServiceRecord } from './services.repository.ts';

const record = (disclosure: unknown): ServiceRecord => ({
  serviceId: 1, publicId: 'GG-2026-0001', isExample: false, bodyId: 1, bodyCode: '41110', bodyNameKo: '수원시', bodyNameEn: 'Suwon',
  bodyKind: 'city', versionId: 1, versionNo: 1, disclosure, changeReason: null, publishedAt: new Date(), firstPublishedAt: new Date(),
});

test('the public record keeps an import’s provenance but not the uploaded file’s name', () => {
  const source = { format: 'us-2025', standard: 'US 2025', key: 'DOE-1', record: { 'Use Case Name': 'x' }, row: 3, file: '내부_초안_v2.csv', importedAt: '2026-11-26T00:00:00Z' };
  const out = presentService(record({ ...aDisclosure(), source })).disclosure as unknown as { source: Record<string, unknown> };
  assert.equal(out.source.file, undefined);
  assert.deepEqual(out.source, { format: 'us-2025', standard: 'US 2025', key: 'DOE-1', record: { 'Use Case Name': 'x' }, row: 3, importedAt: '2026-11-26T00:00:00Z' });
  const plain = aDisclosure();
  assert.equal(presentService(record(plain)).disclosure, plain); // untouched without a source
});
