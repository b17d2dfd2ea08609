import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testDatabase } from '../../../test/support/db.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import type { Database } from '../../platform/db/database.ts';
import { buildApp } from '../../app.tsx';
import { publishService } from '../services/services.service.ts';

let database: Database;
let app: FastifyInstance;
before(async () => {
  database = await testDatabase({ demo: false });
  app = await buildApp({ db: database.db });
  const pub = (startDate: string, extra: object = {}) => publishService(database.db, { bodyCode: '41110', disclosure: aDisclosure({ startDate, ...extra }) });
  await pub('2023-03-01', { field: 'welfare' });
  await pub('2024-05-01', { field: 'welfare', personalInfo: { processesPersonal: true, sensitive: false, uniqueIdentifier: false, legalBasis: ['pipa-15-1-3'], automatedDecision: false, privacyImpactAssessment: 'done' } });
  await pub('2024-07-01', { field: 'health', aiAct: { domain: 'health_care', effect: 'safety', humanInFinalDecision: false, generative: false } });
  await publishService(database.db, { bodyCode: 'GGI-MEDICAL', disclosure: aDisclosure({ startDate: '2025-01-01' }) });
});
after(async () => { await app.close(); await database.close(); });

test('statistics over time: per year, per field, per body type, shares, cumulative', async () => {
  const s = (await app.inject('/api/v1/statistics')).json();
  assert.deepEqual(s.overTime.map((y: any) => [y.year, y.started, y.cumulative, y.highImpact, y.personal]), [[2023, 1, 1, 0, 0], [2024, 2, 3, 1, 1], [2025, 1, 4, 0, 0]]);
  assert.deepEqual(s.overTime[1].byField, { welfare: 1, health: 1 });
  assert.deepEqual(s.overTime[2].byBodyKind, { institution: 1 });
});

test('the statistics page charts the same figures', async () => {
  const page = (await app.inject({ url: '/statistics', headers: { accept: 'text/html' } })).body;
  assert.match(page, /연도별 누적 서비스 수/);
  assert.match(page, /연도·분야별 신규 서비스 수/);
  assert.match(page, /<span>50%<\/span>/); // 2024: one of two new services is high-impact
});
