import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { TaskStatus } from '../surveys.service.ts';
import type { AnswerKind } from '../surveys.tables.ts';

export const ANSWER_KINDS: Record<AnswerKind, { ko: string; en: string }> = {
  new_services: { ko: '신규 서비스 등록', en: 'New services registered' },
  changes: { ko: '변경 제안', en: 'Changes proposed' },
  no_new_service: { ko: '신규 서비스 없음', en: 'No new service' },
};

export const TASK_STATUS: Record<TaskStatus, { ko: string; en: string }> = {
  answered: { ko: '응답 완료', en: 'Answered' },
  pending: { ko: '응답 대기', en: 'Pending' },
  overdue: { ko: '기한 경과', en: 'Overdue' },
};

export const CAMPAIGN_STATE: Record<'open' | 'closed', { ko: string; en: string }> = {
  open: { ko: '진행 중', en: 'Open' },
  closed: { ko: '종료', en: 'Closed' },
};

export const BODY_KINDS: Record<string, { ko: string; en: string }> = {
  province: { ko: '경기도', en: 'Province' },
  department: { ko: '도 실·국', en: 'Department' },
  city: { ko: '시', en: 'City' },
  county: { ko: '군', en: 'County' },
  institution: { ko: '공공기관', en: 'Institution' },
};

export const stamp = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

export const l = (x: { ko: string; en: string }, lang: Lang) => x[lang];
