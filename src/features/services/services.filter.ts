import { z } from 'zod';
import { FIELDS, STATUSES, TECH_TYPES, BODY_KINDS, keysOf } from '../disclosure/codes.ts';
import { problemsFromZod, validationError } from '../../platform/http/errors.ts';

const flag = z
  .enum(['true', 'false', 'yes', 'no', '1', '0'])
  .transform((v) => v === 'true' || v === 'yes' || v === '1')
  .optional();
const one = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s);

export const SORTS = ['relevance', 'newest', 'oldest', 'name'] as const;

/** Query parameters of the service list, for the portal and the API alike. */
export const serviceFilterSchema = z
  .object({
    q: one(z.string().trim().max(200).optional()),
    body: one(z.string().trim().regex(/^[A-Za-z0-9-]{1,40}$/).optional()),
    bodyKind: one(z.enum(keysOf(BODY_KINDS)).optional()),
    field: one(z.enum(keysOf(FIELDS)).optional()),
    tech: one(z.enum(keysOf(TECH_TYPES)).optional()),
    status: one(z.enum(keysOf(STATUSES)).optional()),
    personal: one(flag),
    highImpact: one(flag),
    generative: one(flag),
    example: one(flag),
    sort: one(z.enum(SORTS).optional()),
    page: one(z.coerce.number().int().min(1).max(100000).default(1)),
    pageSize: one(z.coerce.number().int().min(1).max(100).default(20)),
    lang: z.any().optional(),
  })
  .strict();

export type ServiceFilter = z.output<typeof serviceFilterSchema>;

const LABELS: Record<string, { ko: string; en: string }> = {
  q: { ko: '검색어', en: 'Search text' },
  body: { ko: '기관', en: 'Body' },
  bodyKind: { ko: '기관 유형', en: 'Body type' },
  field: { ko: '활용 분야', en: 'Field of use' },
  tech: { ko: '기술 유형', en: 'Technology type' },
  status: { ko: '운영 상태', en: 'Status' },
  personal: { ko: '개인정보 처리', en: 'Personal data' },
  highImpact: { ko: '고영향 AI', en: 'High-impact AI' },
  generative: { ko: '생성형 AI', en: 'Generative AI' },
  example: { ko: '예시 여부', en: 'Example' },
  sort: { ko: '정렬', en: 'Sort' },
  page: { ko: '페이지', en: 'Page' },
  pageSize: { ko: '페이지 크기', en: 'Page size' },
};

export function parseServiceFilter(query: unknown): ServiceFilter {
  // Repeated parameters (?field=a&field=b) are refused rather than guessed at.
  const result = serviceFilterSchema.safeParse(query ?? {}, { reportInput: true });
  if (!result.success) throw validationError(problemsFromZod(result.error, (p) => LABELS[p]));
  return result.data;
}
