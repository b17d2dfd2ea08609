import type { Lang } from '../../../platform/i18n/i18n.ts';
import { OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { Actor } from '../../accounts/actor.ts';
import { BODY_KINDS } from '../../disclosure/codes.ts';
import type { BodyOverview } from '../overview.repository.ts';

export const OVERVIEW_COLUMNS: { key: keyof BodyOverview | 'overdueReviews'; ko: string; en: string }[] = [
  { key: 'code', ko: '기관코드', en: 'Code' },
  { key: 'nameKo', ko: '기관', en: 'Body' },
  { key: 'kind', ko: '유형', en: 'Type' },
  { key: 'services', ko: '공개 서비스', en: 'Published' },
  { key: 'avgCompleteness', ko: '평균 완성도(%)', en: 'Avg. completeness (%)' },
  { key: 'draftsInProgress', ko: '작성 중', en: 'Drafts' },
  { key: 'submitted', ko: '검토 대기', en: 'Awaiting review' },
  { key: 'openTasks', ko: '미응답 조사', en: 'Open survey tasks' },
  { key: 'overdueTasks', ko: '기한 지난 조사', en: 'Overdue survey tasks' },
  { key: 'overdueReviews', ko: '재검토 기한 지남', en: 'Overdue record reviews' },
  { key: 'unansweredQuestions', ko: '미답변 질문', en: 'Unanswered questions' },
  { key: 'oldestQuestionDays', ko: '최장 대기(일)', en: 'Oldest question (days)' },
];

export type OverviewRow = BodyOverview & { overdueReviews: number };

export function OverviewPage(p: { lang: Lang; actor: Actor; csrf: string; rows: OverviewRow[]; onlyAttention: boolean }): JSX.Element {
  const ko = p.lang === 'ko';
  const needs = (r: OverviewRow) => r.openTasks + r.overdueReviews + r.unansweredQuestions + r.submitted > 0;
  const rows = p.onlyAttention ? p.rows.filter(needs) : p.rows;
  const total = (k: keyof OverviewRow) => p.rows.reduce((a, r) => a + (Number(r[k]) || 0), 0);
  return (
    <OfficeLayout lang={p.lang} title={ko ? '기관별 현황' : 'Overview by body'} path="/office/admin/overview" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{ko ? '기관별 현황' : 'Overview by body'}</h1>
      <ul class="cards">
        <li class="card"><span class="num" safe>{String(total('services'))}</span><span safe>{ko ? '공개 서비스' : 'Published services'}</span></li>
        <li class="card"><span class="num" safe>{String(total('openTasks'))}</span><span safe>{ko ? '미응답 조사' : 'Open survey tasks'}</span></li>
        <li class="card"><span class="num" safe>{String(total('overdueReviews'))}</span><span safe>{ko ? '재검토 기한 지남' : 'Overdue reviews'}</span></li>
        <li class="card"><span class="num" safe>{String(total('unansweredQuestions'))}</span><span safe>{ko ? '미답변 질문' : 'Unanswered questions'}</span></li>
      </ul>
      <p class="no-print">
        <a href={p.onlyAttention ? '/office/admin/overview' : '/office/admin/overview?attention=1'} safe>{p.onlyAttention ? (ko ? '모든 기관 보기' : 'Show all bodies') : ko ? '조치가 필요한 기관만 보기' : 'Only bodies needing attention'}</a>
        {' · '}
        <a href="/office/admin/overview.csv" safe>{ko ? 'CSV로 내려받기' : 'Download CSV'}</a>
      </p>
      <div class="krds-table-wrap">
        <table class="tbl col data">
          <caption safe>{ko ? '기관별 등록·조사·질문 현황' : 'Registrations, surveys and questions per body'}</caption>
          <thead><tr>{OVERVIEW_COLUMNS.filter((c) => c.key !== 'code').map((c) => <th scope="col" safe>{ko ? c.ko : c.en}</th>)}</tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row"><a href={`/bodies/${r.code}`} safe>{r.nameKo}</a></th>
                <td safe>{BODY_KINDS[r.kind as keyof typeof BODY_KINDS]?.[p.lang] ?? r.kind}</td>
                <td safe>{String(r.services)}</td>
                <td safe>{r.avgCompleteness === null ? '—' : String(r.avgCompleteness)}</td>
                <td safe>{String(r.draftsInProgress)}</td>
                <td safe>{String(r.submitted)}</td>
                <td safe>{String(r.openTasks)}</td>
                <td class={r.overdueTasks ? 'warn' : undefined} safe>{String(r.overdueTasks)}</td>
                <td class={r.overdueReviews ? 'warn' : undefined} safe>{String(r.overdueReviews)}</td>
                <td safe>{String(r.unansweredQuestions)}</td>
                <td safe>{r.oldestQuestionDays === null ? '—' : String(r.oldestQuestionDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </OfficeLayout>
  );
}
