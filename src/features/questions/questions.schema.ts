import { z } from 'zod';
import { problemsFromZod, type FieldProblem } from '../../platform/http/errors.ts';

export const QUESTION_KINDS = {
  question: { ko: '질문', en: 'Question' },
  error: { ko: '오류 신고', en: 'Error report' },
} as const;
export type QuestionKind = keyof typeof QUESTION_KINDS;

export const TEXT_MAX = 2000;
export const ANSWER_MAX = 4000;
export const MAX_LINKS = 3;

export const FIELD_LABELS: Record<string, { ko: string; en: string }> = {
  kind: { ko: '구분', en: 'Type' },
  text: { ko: '내용', en: 'Text' },
  name: { ko: '이름', en: 'Name' },
  email: { ko: '전자우편', en: 'Email' },
  answer: { ko: '답변', en: 'Answer' },
};

/** Counts links the way spam carries them: URLs with a scheme and bare www. addresses. */
export function countLinks(text: string): number {
  return (text.match(/\b(?:https?:\/\/|www\.)/gi) ?? []).length;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The public form: what a resident may send. Email is only for notifying them; it is never shown publicly. */
export const askSchema = z.object({
  kind: z.enum(['question', 'error']),
  text: z.string().trim().min(1).max(TEXT_MAX).refine((t) => countLinks(t) <= MAX_LINKS, { message: 'TOO_MANY_LINKS' }),
  name: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()),
  email: z.preprocess(blankToUndefined, z.email().max(254).optional()),
});
export type AskInput = z.infer<typeof askSchema>;

export const answerSchema = z.object({
  answer: z.string().trim().min(1).max(ANSWER_MAX),
});

/** Field problems with Korean messages naming the field (and English ones for ?lang=en). */
export function questionProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'custom' && issue.message === 'TOO_MANY_LINKS') {
      return {
        field: 'text', code: 'TOO_MANY_LINKS',
        message: `「내용」에는 링크(URL)를 ${MAX_LINKS}개까지만 넣을 수 있습니다.`,
        messageEn: `The text may contain at most ${MAX_LINKS} links (URLs).`,
      };
    }
    if (issue.path[0] === 'kind') {
      return { field: 'kind', code: 'REQUIRED', message: '「구분」에서 질문 또는 오류 신고를 선택하십시오.', messageEn: 'Choose question or error report.' };
    }
    return problemsFromZod(new z.ZodError([issue]), (path) => FIELD_LABELS[path])[0];
  });
}
