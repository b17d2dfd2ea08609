import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { ErrorSummary, OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { Actor } from '../actor.ts';
import { ROLES } from '../actor.ts';
import { InputField, kst, Notice } from './fields.tsx';

export interface TokenRow {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AccountPageProps {
  lang: Lang;
  actor: Actor;
  csrf: string;
  account: { email: string; name: string; role: Actor['role']; bodyCode: string | null; bodyNameKo: string | null };
  tokens: TokenRow[];
  /** Problems of the form that was sent: `password` or `token`. */
  form?: 'password' | 'token';
  problems: FieldProblem[];
  notice?: { kind: 'ok' | 'error'; text: string };
  /** A token just created: shown this once, never again. */
  newToken?: { name: string; value: string };
}

const fieldIds: Record<string, string> = { current: 'f-current', next: 'f-next', confirm: 'f-confirm', name: 'f-token-name' };

export function AccountPage(p: AccountPageProps): JSX.Element {
  const { lang, account } = p;
  const ko = lang === 'ko';
  const title = ko ? '내 계정' : 'My account';
  const passwordProblems = p.form === 'password' ? p.problems : [];
  const tokenProblems = p.form === 'token' ? p.problems : [];
  return (
    <OfficeLayout lang={lang} title={title} path="/office/account" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <ErrorSummary lang={lang} problems={p.problems} fieldId={(f) => fieldIds[f] ?? 'f-' + f} />

      <dl class="items">
        <dt safe>{ko ? '이름' : 'Name'}</dt>
        <dd safe>{account.name}</dd>
        <dt safe>{ko ? '전자우편' : 'Email'}</dt>
        <dd safe>{account.email}</dd>
        <dt safe>{ko ? '역할' : 'Role'}</dt>
        <dd safe>{ROLES[account.role][lang]}</dd>
        <dt safe>{ko ? '소속 기관' : 'Body'}</dt>
        <dd safe>{account.bodyNameKo ? `${account.bodyNameKo} (${account.bodyCode})` : ko ? '없음 (전체 기관)' : 'None (all bodies)'}</dd>
      </dl>
      <p class="meta" safe>{ko ? '이름·역할·소속 기관은 관리자가 바꿉니다.' : 'An administrator changes name, role and body.'}</p>

      <h2 id="password" safe>{ko ? '비밀번호 변경' : 'Change password'}</h2>
      <p safe>{ko ? '비밀번호를 바꾸면 이 브라우저를 뺀 다른 모든 곳의 로그인이 끝납니다.' : 'Changing the password signs you out everywhere except in this browser.'}</p>
      <form method="post" action="/office/account/password" class="editor" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <InputField lang={lang} id="f-current" name="current" type="password" autocomplete="current-password" required problems={passwordProblems}
          label={ko ? '현재 비밀번호' : 'Current password'} />
        <InputField lang={lang} id="f-next" name="next" type="password" autocomplete="new-password" required problems={passwordProblems}
          label={ko ? '새 비밀번호 (12자 이상)' : 'New password (12+ characters)'}
          hint={ko ? '12자 이상으로, 다른 곳에서 쓰지 않는 문장형 비밀번호를 권장합니다.' : 'At least 12 characters; a passphrase you use nowhere else.'} />
        <InputField lang={lang} id="f-confirm" name="confirm" type="password" autocomplete="new-password" required problems={passwordProblems}
          label={ko ? '새 비밀번호 확인' : 'Confirm the new password'} />
        <button type="submit" class="krds-btn primary medium" safe>{ko ? '비밀번호 변경' : 'Change password'}</button>
      </form>

      <h2 id="tokens" safe>{ko ? 'API 토큰' : 'API tokens'}</h2>
      <p safe>{ko
        ? 'API 토큰으로 기관의 시스템이 초안을 등록·제출할 수 있습니다 (/api/v1/drafts). 토큰은 소속 기관의 등록 담당자 권한으로만 동작합니다. 요청 머리글에 Authorization: Bearer 토큰 을 넣으십시오.'
        : 'With an API token your body’s systems can create and submit drafts (/api/v1/drafts). A token acts only as a registering officer of your body. Send it as Authorization: Bearer <token>.'}</p>
      {p.newToken ? (
        <div class="notice" role="status" id="new-token">
          <p><strong safe>{ko ? `새 토큰 「${p.newToken.name}」을 만들었습니다.` : `Token “${p.newToken.name}” created.`}</strong></p>
          <p safe>{ko ? '이 토큰은 지금 한 번만 보여 드립니다. 지금 복사해 안전한 곳에 보관하십시오. 등록부에는 토큰의 해시만 저장되므로 다시 볼 수 없습니다. 잃어버리면 폐기하고 새로 만드십시오.'
            : 'This token is shown now and never again. Copy it to a safe place: the registry stores only its hash. If you lose it, revoke it and create a new one.'}</p>
          <pre class="code"><code safe>{p.newToken.value}</code></pre>
        </div>
      ) : ''}
      <table class="simple">
        <caption class="sr-only" safe>{ko ? '내 API 토큰' : 'My API tokens'}</caption>
        <thead><tr>{(ko ? ['이름', '만든 때', '마지막 사용', '상태', '작업'] : ['Name', 'Created', 'Last used', 'State', 'Actions']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {p.tokens.length === 0 ? <tr><td colspan="5" safe>{ko ? '만든 토큰이 없습니다.' : 'No tokens yet.'}</td></tr> : ''}
          {p.tokens.map((t) => (
            <tr>
              <td safe>{t.name}</td>
              <td safe>{kst(t.createdAt)}</td>
              <td safe>{kst(t.lastUsedAt) || '—'}</td>
              <td safe>{t.revokedAt ? `${ko ? '폐기됨' : 'Revoked'} ${kst(t.revokedAt)}` : ko ? '사용 중' : 'Active'}</td>
              <td>
                {t.revokedAt ? '' : (
                  <form method="post" action={`/office/account/tokens/${t.id}/revoke`} class="inline">
                    <input type="hidden" name="_csrf" value={p.csrf} />
                    <button type="submit" class="krds-btn secondary small"><span safe>{ko ? '폐기' : 'Revoke'}</span><span class="sr-only" safe>{`: ${t.name}`}</span></button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.actor.bodyId ? (
        <form method="post" action="/office/account/tokens" class="editor" novalidate>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <InputField lang={lang} id="f-token-name" name="name" required problems={tokenProblems} label={ko ? '토큰 이름' : 'Token name'}
            hint={ko ? '어느 시스템이 쓰는지 알 수 있게 적으십시오 (예: 민원시스템 연동).' : 'Say which system uses it (e.g. complaints system).'} />
          <button type="submit" class="krds-btn primary medium" safe>{ko ? '새 토큰 만들기' : 'Create a token'}</button>
        </form>
      ) : (
        <p class="meta" safe>{ko ? 'API 토큰은 소속 기관이 있는 계정만 만들 수 있습니다.' : 'Only accounts with a body can create API tokens.'}</p>
      )}
    </OfficeLayout>
  );
}
