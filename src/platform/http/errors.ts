import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';

export interface FieldProblem {
  field: string;
  code: string;
  message: string; // Korean, for people
  messageEn: string;
}

/** An error a person can act on: a stable code for machines, a Korean message for people. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export const notFound = () =>
  new AppError(404, 'NOT_FOUND', '요청한 항목을 찾을 수 없습니다.', 'The requested item was not found.');

export type LabelLookup = (path: string) => { ko: string; en: string } | undefined;

const CUSTOM: Record<string, [string, string]> = {
  END_BEFORE_START: ['종료일이 시작일보다 앞설 수 없습니다.', 'The end date cannot be before the start date.'],
  END_DATE_REQUIRED: ['운영 중단된 서비스는 종료일을 입력해야 합니다.', 'A discontinued service needs an end date.'],
  LEGAL_BASIS_REQUIRED: ['개인정보를 처리하면 법적 근거를 하나 이상 선택해야 합니다.', 'Processing personal information needs at least one legal basis.'],
  PERSONAL_INCONSISTENT: ['민감정보나 고유식별정보를 처리하면 개인정보 처리 여부도 "예"여야 합니다.', 'Sensitive or unique-identifier processing implies personal information.'],
  GENERATIVE_INCONSISTENT: ['기술 유형의 생성형 AI 선택과 생성형 AI 여부가 일치해야 합니다.', 'The generative technology type and the generative flag must agree.'],
};

/** Turns zod issues into field problems with Korean messages naming the field. */
export function problemsFromZod(error: z.ZodError, labelOf: LabelLookup = () => undefined): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.');
    const label = labelOf(field) ?? { ko: field || '입력', en: field || 'input' };
    const i = issue as z.core.$ZodIssue & Record<string, any>;
    const custom = issue.code === 'custom' ? CUSTOM[issue.message] : undefined;
    if (custom) return { field, code: issue.message, message: custom[0], messageEn: custom[1] };
    const missing = ('input' in i && i.input === undefined) || /received undefined/.test(issue.message);
    if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
      return { field, code: 'REQUIRED', message: `「${label.ko}」을(를) 입력하십시오.`, messageEn: `${label.en} is required.` };
    }
    switch (issue.code) {
      case 'invalid_type':
        if (missing) return { field, code: 'REQUIRED', message: `「${label.ko}」을(를) 입력하십시오.`, messageEn: `${label.en} is required.` };
        return { field, code: 'INVALID_TYPE', message: `「${label.ko}」의 형식이 올바르지 않습니다 (${i.expected} 필요).`, messageEn: `${label.en} must be ${i.expected}.` };
      case 'too_small':
        if (i.origin === 'string' && i.minimum === 1) return { field, code: 'REQUIRED', message: `「${label.ko}」을(를) 입력하십시오.`, messageEn: `${label.en} is required.` };
        return { field, code: 'TOO_SMALL', message: `「${label.ko}」은(는) ${i.minimum} 이상이어야 합니다.`, messageEn: `${label.en} must be at least ${i.minimum}.` };
      case 'too_big':
        return { field, code: 'TOO_LONG', message: `「${label.ko}」은(는) ${i.maximum}${i.origin === 'string' ? '자' : ''} 이하여야 합니다.`, messageEn: `${label.en} must be at most ${i.maximum}.` };
      case 'invalid_value':
        return { field, code: 'INVALID_VALUE', message: `「${label.ko}」의 값이 허용된 값(${(i.values ?? []).join(', ')})이 아닙니다.`, messageEn: `${label.en} must be one of: ${(i.values ?? []).join(', ')}.` };
      case 'invalid_format':
        return { field, code: 'INVALID_FORMAT', message: `「${label.ko}」의 형식이 올바르지 않습니다${i.format === 'date' ? ' (YYYY-MM-DD)' : ''}.`, messageEn: `${label.en} has an invalid format (${i.format}).` };
      case 'unrecognized_keys':
        return { field: (i.keys ?? []).join(','), code: 'UNKNOWN_FIELD', message: `알 수 없는 항목입니다: ${(i.keys ?? []).join(', ')}`, messageEn: `Unknown field: ${(i.keys ?? []).join(', ')}` };
      default:
        return { field, code: 'INVALID', message: `「${label.ko}」의 값이 올바르지 않습니다.`, messageEn: `${label.en} is invalid.` };
    }
  });
}

export function validationError(problems: FieldProblem[]): AppError {
  return new AppError(400, 'VALIDATION_FAILED', '입력값을 확인하십시오: ' + problems.map((p) => p.message).join(' '), 'Invalid input: ' + problems.map((p) => p.messageEn).join(' '), problems);
}

export interface ErrorPageRenderer {
  (status: number, message: string, lang: 'ko' | 'en'): string;
}

/** JSON errors for the API, an HTML page for people; never a stack trace to the client. */
export function installErrorHandling(app: FastifyInstance, renderPage: ErrorPageRenderer) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if ((error as FastifyError).statusCode === 429) appError = new AppError(429, 'RATE_LIMITED', '요청이 너무 많습니다. 잠시 후 다시 시도하십시오.', 'Too many requests; try again later.');
    else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      const status = (error as FastifyError).statusCode!;
      appError = new AppError(status, (error as FastifyError).code ?? 'BAD_REQUEST', '요청을 처리할 수 없습니다: ' + error.message, error.message);
    } else {
      request.log.error(error);
      appError = new AppError(500, 'INTERNAL', '서버 오류가 발생했습니다. 잠시 후 다시 시도하십시오.', 'Internal server error.');
    }
    const wantsJson = request.url.startsWith('/api/') || !(request.headers.accept ?? '').includes('text/html');
    if (appError.code === 'LOGIN_REQUIRED' && !wantsJson) {
      return reply.redirect('/office/login?next=' + encodeURIComponent(request.url), 303);
    }
    reply.status(appError.status);
    if (wantsJson) {
      return reply.send({ error: { code: appError.code, message: appError.message, messageEn: appError.messageEn, problems: appError.problems } });
    }
    const lang = (request as any).lang === 'en' ? 'en' : 'ko';
    return reply.type('text/html; charset=utf-8').send(renderPage(appError.status, lang === 'en' ? appError.messageEn : appError.message, lang));
  });
}
