import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { testDatabase } from '../support/db.ts';
import { aDisclosure } from '../support/factories.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { buildApp } from '../../src/app.tsx';
import { AppError } from '../../src/platform/http/errors.ts';
import { validateDisclosure } from '../../src/features/services/services.service.ts';
import { parseServiceFilter } from '../../src/features/services/services.filter.ts';
import { parseQuery } from '../../src/features/services/search-text.ts';
import { indexKeys } from '../../src/features/services/search-index.ts';
import { formToDisclosure } from '../../src/features/disclosure/disclosure.form.ts';
import { decodeCsv, parseCsv } from '../../src/features/imports/csv.ts';
import { FileProblem, readTable } from '../../src/features/imports/import.read.ts';

// Property-based robustness: random and hostile input gets a clear refusal, never a crash or a 500.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);
const hostileString = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom('', ' ', '\u0000', '\uFEFF', '\uD800', '<script>alert(1)</script>', "'; drop table services; --", '%00', '../../etc/passwd', '고독사', '진단', 'a'.repeat(5000), '\r\n\r\n', '=cmd|calc!A1', '𠜎𠜱', 'NaN', '-1', '1e309'),
);
const anyJson = fc.jsonValue({ maxDepth: 4 });

const onlyValidationErrors = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof AppError, `unexpected ${error}`);
    assert.equal(error.status, 400);
    assert.ok(error.problems.length > 0);
    for (const p of error.problems) assert.match(p.message, /[가-힣]/);
  }
};

describe('disclosure schema', () => {
  test('arbitrary JSON is either a valid disclosure or a 400 listing Korean problems', () => {
    fc.assert(fc.property(anyJson, (input) => onlyValidationErrors(() => validateDisclosure(input))), { numRuns: RUNS });
  });

  test('a valid disclosure with one item replaced by hostile values never throws anything but a validation error', () => {
    const base = aDisclosure() as Record<string, unknown>;
    const keys = Object.keys(base);
    fc.assert(fc.property(fc.constantFrom(...keys), fc.oneof(anyJson, hostileString), (key, value) => {
      onlyValidationErrors(() => validateDisclosure({ ...base, [key]: value }));
    }), { numRuns: RUNS });
  });

  test('any posted editor form turns into a draft object without throwing', () => {
    fc.assert(fc.property(fc.dictionary(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('name.ko', 'technologyTypes', 'budget.amountKrw', 'outcomes.0.values', 'outcomes.0.name', 'data.datasets.0.name', '__proto__', 'constructor')), fc.oneof(hostileString, fc.array(hostileString, { maxLength: 3 }))), (form) => {
      const d = formToDisclosure(form);
      assert.equal(typeof d, 'object');
      assert.equal(({} as any).polluted, undefined);
      onlyValidationErrors(() => validateDisclosure(d));
    }), { numRuns: RUNS });
  });
});

describe('search parameters and text', () => {
  test('query parsing and n-gram indexing accept any text', () => {
    fc.assert(fc.property(hostileString, (q) => {
      const parsed = parseQuery(q);
      if (parsed) assert.ok(parsed.terms.length <= 10);
      assert.ok(Array.isArray(indexKeys(q, [q], [q])));
    }), { numRuns: RUNS });
  });

  test('filters: anything but a valid combination is a 400, never another error', () => {
    const keys = fc.constantFrom('q', 'body', 'field', 'tech', 'status', 'personal', 'highImpact', 'generative', 'sort', 'page', 'pageSize', 'x');
    fc.assert(fc.property(fc.dictionary(keys, fc.oneof(hostileString, fc.array(fc.string(), { maxLength: 2 }))), (q) => onlyValidationErrors(() => parseServiceFilter(q))), { numRuns: RUNS });
  });
});

describe('HTTP: never a 500', () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => { database = await testDatabase({ demo: true }); app = await buildApp({ db: database.db, rateLimit: { max: 1e9, timeWindow: 60_000 } }); });
  after(async () => { await app.close(); await database.close(); });

  test('random query strings on public pages and the API', async () => {
    const paths = fc.constantFrom('/services', '/api/v1/services', '/bodies/41110', '/changes', '/statistics', '/services/GG-2025-0001', '/api/v1/services/GG-2025-0001/versions');
    await fc.assert(fc.asyncProperty(paths, fc.array(fc.tuple(fc.constantFrom('q', 'page', 'pageSize', 'field', 'body', 'sort', 'lang', 'personal', 'from', 'to', 'zz'), hostileString), { maxLength: 4 }), async (path, params) => {
      const qs = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, ''))}`).join('&');
      const res = await app.inject({ url: qs ? `${path}?${qs}` : path, headers: { accept: 'text/html' } });
      assert.ok(res.statusCode < 500, `${path}?${qs} → ${res.statusCode}`);
    }), { numRuns: Math.ceil(RUNS / 2) });
  });

  test('random path segments', async () => {
    await fc.assert(fc.asyncProperty(hostileString, async (seg) => {
      const s = encodeURIComponent(seg.replace(/[\uD800-\uDFFF]/g, ''));
      for (const url of [`/services/${s}`, `/bodies/${s}`, `/api/v1/services/${s}`, `/services/${s}/diff?from=1&to=2`, `/feeds/services/${s}.atom`]) {
        const res = await app.inject(url);
        assert.ok(res.statusCode < 500, `${url} → ${res.statusCode}`);
      }
    }), { numRuns: Math.ceil(RUNS / 3) });
  });
});

describe('importers', () => {
  test('the CSV reader survives any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const decoded = decodeCsv(bytes);
      if (decoded) parseCsv(decoded.text);
    }), { numRuns: RUNS });
  });

  test('the CSV parser survives any text with quotes, separators and line breaks', () => {
    const piece = fc.oneof(fc.constantFrom('"', ',', '\n', '\r\n', '\r', '""', ';', '\t', '\u0000'), fc.string({ maxLength: 10 }));
    fc.assert(fc.property(fc.array(piece, { maxLength: 200 }), (parts) => {
      const r = parseCsv(parts.join(''));
      assert.ok(r);
    }), { numRuns: RUNS });
  });

  test('the table reader refuses garbage files with a clear error, never a crash', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 3000 }), async (bytes) => {
      const zipLike = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(bytes)]);
      for (const b of [Buffer.from(bytes), zipLike]) {
        try {
          await readTable(b);
        } catch (error) {
          // A file-level problem: a stable code and a Korean message, reported to the officer.
          assert.ok(error instanceof FileProblem || error instanceof AppError, `unexpected ${(error as Error)?.stack ?? error}`);
          assert.match((error as FileProblem).code, /^[A-Z_]+$/);
          assert.match((error as Error).message, /[가-힣]/);
        }
      }
    }), { numRuns: Math.ceil(RUNS / 3) });
  });
});
