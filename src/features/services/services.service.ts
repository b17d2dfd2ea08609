import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, problemsFromZod, validationError, notFound } from '../../platform/http/errors.ts';
import { classify } from '../disclosure/classification.ts';
import { disclosureSchema, SCHEMA_VERSION, type Disclosure } from '../disclosure/disclosure.schema.ts';
import { labelOf } from '../disclosure/disclosure.fields.ts';
import { findBodyByCode } from '../bodies/bodies.repository.ts';
import { normalize } from './search-text.ts';
import { indexKeys } from './search-index.ts';
import * as repo from './services.repository.ts';
import { completeness } from '../drafts/completeness.ts';

export function validateDisclosure(input: unknown): Disclosure {
  const result = disclosureSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw validationError(problemsFromZod(result.error, labelOf));
  return result.data;
}

/** Every disclosed text, for the search index. */
export function searchDocument(d: Disclosure, bodyName: string): string {
  const parts: (string | undefined)[] = [
    d.name.ko, d.name.en, d.summary.ko, d.summary.en, bodyName, d.department, d.functions?.ko, d.functions?.en, d.algorithm?.ko,
    d.vendor, d.model, d.purpose.ko, d.purpose.en, d.data.description.ko, ...d.data.datasets.flatMap((s) => [s.name, s.sourceBody]),
    d.personalInfo.legalBasisNote, d.effects.ko, d.effects.en, ...d.outcomes.map((o) => o.name.ko), d.ethics.summary.ko,
    ...Object.values(d.ethics.requirements).map((r) => r?.how), d.humanOversight.ko, d.objection.ko, d.aiAct.interventionPoint,
    d.aiAct.measures, d.programme,
  ];
  return normalize(parts.filter(Boolean).join(' \n '));
}

export interface PublishInput {
  bodyCode: string;
  disclosure: unknown;
  publicId?: string; // absent: a new service
  changeReason?: string;
  publishedBy?: string;
  isExample?: boolean;
  publishedAt?: Date;
}

/**
 * Publishes a version: a new service or a new version of an existing one. The previous versions
 * stay as they are; the search projection follows the newest version, in the same transaction.
 */
export async function publishService(db: Kysely<DB>, input: PublishInput) {
  const disclosure = validateDisclosure(input.disclosure);
  return db.transaction().execute((trx) => publishInTransaction(trx, { ...input, disclosure }));
}

/**
 * The publishing step itself, inside the caller's transaction (the review workflow publishes a
 * draft and records the transition and the audit event in the same transaction).
 */
export async function publishInTransaction(trx: Transaction<DB>, input: PublishInput & { disclosure: Disclosure }) {
  const { disclosure } = input;
  const body = await findBodyByCode(trx, input.bodyCode);
  if (!body) throw new AppError(400, 'UNKNOWN_BODY', `기관코드 ${input.bodyCode} 에 해당하는 기관이 없습니다.`, `No body with code ${input.bodyCode}.`, [{ field: 'body', code: 'UNKNOWN_BODY', message: '기관코드를 확인하십시오.', messageEn: 'Check the body code.' }]);
  if (input.publicId && !input.changeReason?.trim()) {
    throw validationError([{ field: 'changeReason', code: 'REQUIRED', message: '「변경 사유」를 입력하십시오.', messageEn: 'A reason for the change is required.' }]);
  }
  let serviceId: number;
  let publicId: string;
  let isExample = input.isExample ?? false;
  if (input.publicId) {
    const existing = await repo.lockService(trx, input.publicId);
    if (!existing || existing.bodyId !== body.id) throw notFound();
    serviceId = existing.id;
    publicId = input.publicId;
    isExample = existing.isExample;
  } else {
    const year = (input.publishedAt ?? new Date()).getFullYear();
    publicId = await repo.nextPublicId(trx, year);
    serviceId = await repo.insertService(trx, { publicId, bodyId: body.id, isExample });
  }
  const version = await repo.insertVersion(trx, {
    serviceId, schemaVersion: SCHEMA_VERSION, disclosure, changeReason: input.changeReason?.trim() || null,
    publishedBy: input.publishedBy ?? null, publishedAt: input.publishedAt,
  });
  const c = classify(disclosure);
  await repo.replaceProjection(trx, {
    serviceId, bodyId: body.id, bodyKind: body.kind, field: disclosure.field, techTypes: disclosure.technologyTypes,
    status: disclosure.status, personal: disclosure.personalInfo.processesPersonal, highImpact: c.highImpact, generative: c.generative,
    isExample, name: disclosure.name.ko, nameEn: disclosure.name.en ?? null, summary: disclosure.summary.ko,
    summaryEn: disclosure.summary.en ?? null, startDate: disclosure.startDate ?? null,
    publishedAt: input.publishedAt ?? new Date(),
    outcomes: disclosure.outcomes.flatMap((o) => o.values.map((v) => ({ indicator: o.name.ko, unit: o.unit ?? null, date: v.date, value: v.value }))),
    datasets: disclosure.data.datasets.map((s) => ({ name: s.name, sourceBody: s.sourceBody ?? null, kind: s.kind, personal: s.personal })),
    ...indexFields(disclosure, body.nameKo),
    completeness: completeness(disclosure).score,
  });
  return { publicId, serviceId, versionNo: version.versionNo, versionId: version.id };
}

function indexFields(d: Disclosure, bodyName: string) {
  const doc = searchDocument(d, bodyName);
  return { doc, terms: indexKeys(doc, [d.name.ko, d.name.en], [d.summary.ko, d.summary.en]) };
}
