import type { Children } from '@kitajs/html';
import type { Lang } from '../i18n/i18n.ts';
import { Layout } from './layout.tsx';
import type { Actor } from '../../features/accounts/actor.ts';
import { ROLES } from '../../features/accounts/actor.ts';
import type { FieldProblem } from '../http/errors.ts';

/** Back-office pages: the public layout plus a bar with the signed-in person, their menu and logout. */
export function OfficeLayout(p: { lang: Lang; title: string; path: string; actor: Actor; csrf: string; children?: Children }): JSX.Element {
  const ko = p.lang === 'ko';
  const links: [string, string, boolean][] = [
    ['/office', ko ? '업무 현황' : 'Dashboard', true],
    ['/office/review', ko ? '검토 대기' : 'Review queue', p.actor.role !== 'officer'],
    ['/office/surveys', ko ? '조사' : 'Surveys', p.actor.role === 'admin'],
    ['/office/surveys/tasks', ko ? '조사 응답' : 'Survey tasks', p.actor.role === 'officer'],
    ['/office/questions', ko ? '도민 질문' : 'Questions', true],
    ['/office/admin/overview', ko ? '기관별 현황' : 'Overview', p.actor.role !== 'officer'],
    ['/office/admin/accounts', ko ? '계정 관리' : 'Accounts', p.actor.role === 'admin'],
    ['/office/admin/audit', ko ? '감사 기록' : 'Audit log', p.actor.role === 'admin'],
    ['/office/account', ko ? '내 계정' : 'My account', true],
  ];
  return (
    <Layout lang={p.lang} title={p.title} path={p.path}>
      <nav class="office-bar" aria-label={ko ? '업무 메뉴' : 'Back office menu'}>
        <p class="meta" safe>{`${p.actor.name} · ${ROLES[p.actor.role][p.lang]}${p.actor.bodyNameKo ? ' · ' + p.actor.bodyNameKo : ''}`}</p>
        <ul>
          {links.filter((l) => l[2]).map(([href, label]) => (
            <li><a href={href} aria-current={p.path === href ? 'page' : undefined} safe>{label}</a></li>
          ))}
          <li>
            <form method="post" action="/office/logout" class="inline">
              <input type="hidden" name="_csrf" value={p.csrf} />
              <button type="submit" class="krds-btn text small" safe>{ko ? '로그아웃' : 'Sign out'}</button>
            </form>
          </li>
        </ul>
      </nav>
      {p.children as 'safe'}
    </Layout>
  );
}

/** The error summary at the top of a form: every problem, linked to its field. */
export function ErrorSummary(p: { lang: Lang; problems: FieldProblem[]; fieldId?: (path: string) => string }): JSX.Element {
  if (!p.problems.length) return <></>;
  const id = p.fieldId ?? ((path: string) => 'f-' + path.replace(/\./g, '-'));
  return (
    <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
      <h2 safe>{p.lang === 'ko' ? `입력 내용을 확인하십시오 (${p.problems.length}건)` : `Please check the form (${p.problems.length})`}</h2>
      <ul>
        {p.problems.map((x) => (
          <li><a href={`#${id(x.field)}`} safe>{p.lang === 'ko' ? x.message : x.messageEn}</a></li>
        ))}
      </ul>
    </div>
  );
}
