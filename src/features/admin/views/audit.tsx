import { href, type Lang } from '../../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { ErrorSummary, OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { Actor } from '../../accounts/actor.ts';
import { InputField, kst } from '../../accounts/views/fields.tsx';
import { actorOf, detailsOf, type AuditQuery, type AuditRow } from '../admin.service.ts';

/** What an action means, for people; unknown actions show their code only. */
const ACTIONS: Record<string, { ko: string; en: string }> = {
  'login.success': { ko: '로그인', en: 'Signed in' },
  'login.failure': { ko: '로그인 실패', en: 'Sign-in failed' },
  logout: { ko: '로그아웃', en: 'Signed out' },
  'account.create': { ko: '계정 생성', en: 'Account created' },
  'account.update': { ko: '계정 변경', en: 'Account changed' },
  'account.disable': { ko: '계정 비활성화', en: 'Account disabled' },
  'account.enable': { ko: '계정 다시 사용', en: 'Account enabled' },
  'account.unlock': { ko: '계정 잠금 해제', en: 'Account unlocked' },
  'account.password_change': { ko: '비밀번호 변경', en: 'Password changed' },
  'token.create': { ko: 'API 토큰 생성', en: 'API token created' },
  'token.revoke': { ko: 'API 토큰 폐기', en: 'API token revoked' },
  'draft.create': { ko: '초안 생성', en: 'Draft created' },
  'draft.save': { ko: '초안 저장', en: 'Draft saved' },
  'draft.submit': { ko: '검토 요청', en: 'Submitted' },
  'draft.return': { ko: '보완 요청', en: 'Returned' },
  'draft.publish': { ko: '게시', en: 'Published' },
  'draft.withdraw': { ko: '철회', en: 'Withdrawn' },
  'draft.comment': { ko: '검토 의견', en: 'Review comment' },
  'draft.propose_change': { ko: '변경 제안', en: 'Change proposed' },
  'draft.discontinue': { ko: '운영 중단 제안', en: 'Discontinuation proposed' },
  'export.audit': { ko: '감사 기록 내려받기', en: 'Audit log exported' },
  'export.csv': { ko: '전체 자료 내려받기 (CSV)', en: 'Bulk export (CSV)' },
  'export.json': { ko: '전체 자료 내려받기 (JSON)', en: 'Bulk export (JSON)' },
  'export.xlsx': { ko: '전체 자료 내려받기 (XLSX)', en: 'Bulk export (XLSX)' },
};

export function AuditPage(p: { lang: Lang; actor: Actor; csrf: string; query: AuditQuery; items: AuditRow[]; total: number }): JSX.Element {
  const { lang, query } = p;
  const ko = lang === 'ko';
  const title = ko ? '감사 기록' : 'Audit log';
  const { page, pageSize } = query.filter;
  const pages = Math.max(1, Math.ceil(p.total / pageSize));
  const params = { ...query.values };
  const pageHref = (n: number) => href('/office/admin/audit', lang, { ...params, page: n > 1 ? n : undefined });
  const first = p.total ? (page - 1) * pageSize + 1 : 0;
  return (
    <OfficeLayout lang={lang} title={title} path="/office/admin/audit" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      <p safe>{ko ? '로그인, 계정·토큰 변경, 초안의 작성·제출·검토·게시, 내려받기가 모두 기록됩니다. 기록은 고치거나 지울 수 없습니다. 시각은 한국 표준시(KST)입니다.'
        : 'Sign-ins, account and token changes, every step of a draft, and exports are recorded. Records cannot be changed or deleted. Times are Korea Standard Time.'}</p>
      <ErrorSummary lang={lang} problems={query.problems} />
      {/* A search form (GET): it changes nothing, so it carries no CSRF token (which would leak into URLs). */}
      <form method="get" action="/office/admin/audit" class="editor" novalidate>
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : ''}
        <fieldset>
          <legend safe>{ko ? '검색 조건' : 'Filter'}</legend>
          {/* KRDS hides every legend: a visible title for sighted users, the legend for screen readers. */}
          <h2 class="section-title" aria-hidden="true" safe>{ko ? '검색 조건' : 'Filter'}</h2>
          <InputField lang={lang} id="f-action" name="action" value={query.values.action} problems={query.problems} label={ko ? '작업 (앞부분)' : 'Action (prefix)'}
            hint={ko ? '예: login, login.failure, draft, account, export' : 'e.g. login, login.failure, draft, account, export'} />
          <InputField lang={lang} id="f-actor" name="actor" value={query.values.actor} problems={query.problems} label={ko ? '행위자 전자우편' : 'Actor email'} />
          <InputField lang={lang} id="f-body" name="body" value={query.values.body} problems={query.problems} label={ko ? '기관코드' : 'Body code'}
            hint={ko ? '예: 41110 (수원시), GG-WELFARE' : 'e.g. 41110 (Suwon), GG-WELFARE'} />
          <InputField lang={lang} id="f-from" name="from" type="date" value={query.values.from} problems={query.problems} label={ko ? '시작일' : 'From'} />
          <InputField lang={lang} id="f-to" name="to" type="date" value={query.values.to} problems={query.problems} label={ko ? '종료일 (그날 포함)' : 'To (inclusive)'} />
          <div class="actions">
            <button type="submit" class="krds-btn primary medium" safe>{ko ? '검색' : 'Search'}</button>
            <a href={href('/office/admin/audit', lang)} class="krds-btn secondary medium" safe>{ko ? '초기화' : 'Reset'}</a>
            <a href={href('/office/admin/audit.csv', lang, params)} class="krds-btn secondary medium" safe>{ko ? '이 조건으로 CSV 내려받기' : 'Download these as CSV'}</a>
          </div>
        </fieldset>
      </form>

      <table class="simple">
        <caption safe>{ko ? `기록 ${p.total}건 중 ${first}–${first ? first + p.items.length - 1 : 0}` : `${first}–${first ? first + p.items.length - 1 : 0} of ${p.total} events`}</caption>
        <thead><tr>{(ko ? ['일시 (KST)', '행위자', '작업', '대상', '기관', '접속 위치 (IP)', '상세'] : ['When (KST)', 'Who', 'What', 'Entity', 'Body', 'From (IP)', 'Details']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {p.items.length === 0 ? <tr><td colspan="7" safe>{ko ? '조건에 맞는 기록이 없습니다.' : 'No events match.'}</td></tr> : ''}
          {p.items.map((r) => (
            <tr>
              <td safe>{kst(r.at)}</td>
              <td safe>{actorOf(r) || '—'}</td>
              <td><code safe>{r.action}</code>{ACTIONS[r.action] ? <span safe>{` ${ACTIONS[r.action][lang]}`}</span> : ''}</td>
              <td safe>{r.entity ? `${r.entity}${r.entityId ? ' #' + r.entityId : ''}` : '—'}</td>
              <td safe>{r.bodyCode ?? '—'}</td>
              <td safe>{r.ip ?? '—'}</td>
              <td><code safe>{detailsOf(r)}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav aria-label={ko ? '페이지' : 'Pages'} class="actions">
          {page > 1 ? <a href={pageHref(page - 1)} rel="prev" safe>{ko ? '이전' : 'Previous'}</a> : ''}
          <span aria-current="page" safe>{`${page} / ${pages}`}</span>
          {page < pages ? <a href={pageHref(page + 1)} rel="next" safe>{ko ? '다음' : 'Next'}</a> : ''}
        </nav>
      ) : ''}
    </OfficeLayout>
  );
}
