import { z } from 'zod';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { isDate } from './dates.ts';

/** Body groups an administrator can pick when opening a campaign (besides single bodies). */
export const BODY_GROUPS = {
  all: { ko: '모든 기관', en: 'All bodies', kinds: ['province', 'department', 'city', 'county', 'institution'] },
  city_county: { ko: '시·군 (31곳)', en: 'Cities and counties (31)', kinds: ['city', 'county'] },
  institution: { ko: '공공기관', en: 'Public institutions', kinds: ['institution'] },
  department: { ko: '도 실·국', en: 'Provincial departments', kinds: ['province', 'department'] },
} as const;
export type BodyGroup = keyof typeof BODY_GROUPS;

const list = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** The "open a campaign" form: one schema for the HTML form and the service. */
export const campaignForm = z.object({
  title: z.string().trim().max(200).default(''),
  description: z.string().trim().max(4000).default(''),
  opensOn: z.string().trim().default(''),
  deadline: z.string().trim().default(''),
  groups: z.preprocess(list, z.array(z.enum(Object.keys(BODY_GROUPS) as [BodyGroup, ...BodyGroup[]]))),
  bodies: z.preprocess(list, z.array(z.string().max(40)).max(1000)),
});
export type CampaignForm = z.infer<typeof campaignForm>;

const problem = (field: string, code: string, message: string, messageEn: string): FieldProblem => ({ field, code, message, messageEn });

/** Checks that need more than a type: required fields, real dates, order of dates, a body chosen. */
export function campaignProblems(f: CampaignForm): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!f.title) problems.push(problem('title', 'REQUIRED', '「조사 제목」을 입력하십시오.', 'A title is required.'));
  if (!isDate(f.opensOn)) problems.push(problem('opensOn', 'INVALID_FORMAT', '「시작일」을 YYYY-MM-DD 형식으로 입력하십시오.', 'The start date must be YYYY-MM-DD.'));
  if (!isDate(f.deadline)) problems.push(problem('deadline', 'INVALID_FORMAT', '「마감일」을 YYYY-MM-DD 형식으로 입력하십시오.', 'The deadline must be YYYY-MM-DD.'));
  else if (isDate(f.opensOn) && f.deadline < f.opensOn) problems.push(problem('deadline', 'END_BEFORE_START', '「마감일」은 시작일보다 앞설 수 없습니다.', 'The deadline cannot be before the start date.'));
  if (f.groups.length === 0 && f.bodies.length === 0) problems.push(problem('bodies', 'REQUIRED', '조사할 기관을 하나 이상 선택하십시오.', 'Choose at least one body.'));
  return problems;
}
