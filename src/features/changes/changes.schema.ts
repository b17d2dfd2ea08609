import { z } from 'zod';
import { problemsFromZod, validationError } from '../../platform/http/errors.ts';

const one = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s);
const versionNo = z.coerce.number().int().min(1).max(1_000_000);
const flag = z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const PUBLIC_ID = /^GG-\d{4}-\d{4,}$/;
export const BODY_CODE = /^[A-Za-z0-9-]{1,40}$/;
export const VERSION_PARAM = /^[1-9]\d{0,5}$/;

/** `?from=1&to=2[&all=1]`: both versions or neither (then the newest change). */
export const diffQuerySchema = z
  .object({ from: one(versionNo.optional()), to: one(versionNo.optional()), all: one(flag.optional()), lang: z.any().optional() })
  .strict()
  .superRefine((q, ctx) => {
    if ((q.from === undefined) !== (q.to === undefined)) ctx.addIssue({ code: 'custom', path: [q.from === undefined ? 'from' : 'to'], message: 'VERSION_PAIR' });
    else if (q.from !== undefined && q.from === q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'SAME_VERSION' });
  });
export type DiffQuery = z.output<typeof diffQuerySchema>;

export const changesQuerySchema = z
  .object({
    body: one(z.string().trim().regex(BODY_CODE).optional()),
    page: one(z.coerce.number().int().min(1).max(100_000).default(1)),
    lang: z.any().optional(),
  })
  .strict();
export type ChangesQuery = z.output<typeof changesQuerySchema>;

const LABELS: Record<string, { ko: string; en: string }> = {
  from: { ko: '이전 버전', en: 'Earlier version' },
  to: { ko: '비교할 버전', en: 'Later version' },
  all: { ko: '모든 항목 보기', en: 'Show all items' },
  body: { ko: '기관', en: 'Body' },
  page: { ko: '페이지', en: 'Page' },
};

const CUSTOM: Record<string, [string, string]> = {
  VERSION_PAIR: ['비교할 두 버전(from, to)을 모두 지정하십시오.', 'Give both versions to compare (from and to).'],
  SAME_VERSION: ['서로 다른 두 버전을 선택하십시오.', 'Choose two different versions.'],
};

function parse<T extends z.ZodTypeAny>(schema: T, query: unknown): z.output<T> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  // problemsFromZod keeps the order of the issues; our own rules get their own code and message.
  const problems = problemsFromZod(result.error, (p) => LABELS[p]).map((p, i) => {
    const issue = result.error.issues[i];
    const custom = issue.code === 'custom' ? CUSTOM[issue.message] : undefined;
    return custom ? { ...p, code: issue.message, message: custom[0], messageEn: custom[1] } : p;
  });
  throw validationError(problems);
}

export const parseDiffQuery = (query: unknown): DiffQuery => parse(diffQuerySchema, query);
export const parseChangesQuery = (query: unknown): ChangesQuery => parse(changesQuerySchema, query);
