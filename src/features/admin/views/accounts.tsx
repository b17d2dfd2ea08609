import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { ErrorSummary, OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { Actor, Role } from '../../accounts/actor.ts';
import { ROLES } from '../../accounts/actor.ts';
import { InputField, kst, Notice, SelectField } from '../../accounts/views/fields.tsx';

export interface AccountRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  bodyCode: string | null;
  bodyNameKo: string | null;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface BodyOption { code: string; nameKo: string; nameEn: string | null }

type NoticeText = { kind: 'ok' | 'error'; text: string };

const isLocked = (a: AccountRow) => !!a.lockedUntil && new Date(a.lockedUntil) > new Date();

function roleOptions(lang: Lang): [string, string][] {
  return (Object.keys(ROLES) as Role[]).map((r) => [r, ROLES[r][lang]]);
}

function bodyOptions(lang: Lang, bodies: BodyOption[]): [string, string][] {
  return [['', lang === 'ko' ? '없음 (검토자·관리자)' : 'None (reviewers, administrators)'],
    ...bodies.map((b): [string, string] => [b.code, `${lang === 'ko' ? b.nameKo : b.nameEn ?? b.nameKo} (${b.code})`])];
}

function StateText(p: { lang: Lang; account: AccountRow }): JSX.Element {
  const ko = p.lang === 'ko';
  const parts = [p.account.disabled ? (ko ? '비활성' : 'Disabled') : ko ? '사용 중' : 'Active'];
  if (isLocked(p.account)) parts.push(ko ? `잠김 (${kst(p.account.lockedUntil)}까지)` : `Locked until ${kst(p.account.lockedUntil)}`);
  return <span safe>{parts.join(' · ')}</span>;
}

export function AccountsPage(p: { lang: Lang; actor: Actor; csrf: string; accounts: AccountRow[]; bodies: BodyOption[]; values: Record<string, string>; problems: FieldProblem[]; notice?: NoticeText }): JSX.Element {
  const { lang } = p;
  const ko = lang === 'ko';
  const title = ko ? '계정 관리' : 'Accounts';
  return (
    <OfficeLayout lang={lang} title={title} path="/office/admin/accounts" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <ErrorSummary lang={lang} problems={p.problems} />
      <table class="simple">
        <caption safe>{ko ? `계정 ${p.accounts.length}개` : `${p.accounts.length} accounts`}</caption>
        <thead><tr>{(ko ? ['이름', '전자우편', '역할', '소속 기관', '상태', '만든 때', '작업'] : ['Name', 'Email', 'Role', 'Body', 'State', 'Created', 'Actions']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {p.accounts.map((a) => (
            <tr>
              <td safe>{a.name}</td>
              <td safe>{a.email}</td>
              <td safe>{ROLES[a.role][lang]}</td>
              <td safe>{a.bodyNameKo ? `${a.bodyNameKo} (${a.bodyCode})` : '—'}</td>
              <td><StateText lang={lang} account={a} /></td>
              <td safe>{kst(a.createdAt).slice(0, 10)}</td>
              <td><a href={`/office/admin/accounts/${a.id}`}><span safe>{ko ? '관리' : 'Manage'}</span><span class="sr-only" safe>{`: ${a.name}`}</span></a></td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="create" safe>{ko ? '새 계정 만들기' : 'Create an account'}</h2>
      <p safe>{ko ? '등록 담당자는 소속 기관이 있어야 합니다. 초기 비밀번호는 따로 안전하게 전달하고, 처음 로그인한 뒤 「내 계정」에서 바꾸도록 안내하십시오.'
        : 'Registering officers need a body. Hand the initial password over separately and ask the person to change it under “My account”.'}</p>
      <form method="post" action="/office/admin/accounts" class="editor" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <InputField lang={lang} id="f-email" name="email" type="email" autocomplete="off" required value={p.values.email} problems={p.problems} label={ko ? '전자우편' : 'Email'} />
        <InputField lang={lang} id="f-name" name="name" required value={p.values.name} problems={p.problems} label={ko ? '이름' : 'Name'} />
        <SelectField lang={lang} id="f-role" name="role" required value={p.values.role || 'officer'} options={roleOptions(lang)} problems={p.problems} label={ko ? '역할' : 'Role'} />
        <SelectField lang={lang} id="f-body" name="body" value={p.values.body} options={bodyOptions(lang, p.bodies)} problems={p.problems} label={ko ? '소속 기관' : 'Body'}
          hint={ko ? '등록 담당자는 필수입니다.' : 'Required for registering officers.'} />
        <InputField lang={lang} id="f-password" name="password" type="password" autocomplete="new-password" required problems={p.problems} label={ko ? '초기 비밀번호 (12자 이상)' : 'Initial password (12+ characters)'} />
        <button type="submit" class="krds-btn primary medium" safe>{ko ? '계정 만들기' : 'Create the account'}</button>
      </form>
    </OfficeLayout>
  );
}

export function AdminAccountPage(p: { lang: Lang; actor: Actor; csrf: string; account: AccountRow; bodies: BodyOption[]; values: { role: string; body: string }; problems: FieldProblem[]; notice?: NoticeText }): JSX.Element {
  const { lang, account: a } = p;
  const ko = lang === 'ko';
  const title = ko ? `계정 관리: ${a.name}` : `Account: ${a.name}`;
  const self = p.actor.id === a.id;
  return (
    <OfficeLayout lang={lang} title={title} path="/office/admin/accounts" actor={p.actor} csrf={p.csrf}>
      <p><a href="/office/admin/accounts" safe>{ko ? '← 계정 목록' : '← All accounts'}</a></p>
      <h1 safe>{title}</h1>
      <Notice notice={p.notice} />
      <ErrorSummary lang={lang} problems={p.problems} />
      <dl class="items">
        <dt safe>{ko ? '이름' : 'Name'}</dt>
        <dd safe>{a.name}</dd>
        <dt safe>{ko ? '전자우편' : 'Email'}</dt>
        <dd safe>{a.email}</dd>
        <dt safe>{ko ? '역할' : 'Role'}</dt>
        <dd safe>{ROLES[a.role][lang]}</dd>
        <dt safe>{ko ? '소속 기관' : 'Body'}</dt>
        <dd safe>{a.bodyNameKo ? `${a.bodyNameKo} (${a.bodyCode})` : '—'}</dd>
        <dt safe>{ko ? '상태' : 'State'}</dt>
        <dd><StateText lang={lang} account={a} /></dd>
        <dt safe>{ko ? '연속 로그인 실패' : 'Failed logins in a row'}</dt>
        <dd safe>{String(a.failedLogins)}</dd>
        <dt safe>{ko ? '만든 때' : 'Created'}</dt>
        <dd safe>{kst(a.createdAt)}</dd>
      </dl>
      <p class="notice" safe>{ko ? '역할이나 소속 기관을 바꾸거나 계정을 비활성화하면 그 계정의 모든 로그인이 즉시 끝납니다. 바뀐 권한은 다시 로그인할 때부터 적용됩니다.'
        : 'Changing the role or body, or disabling the account, ends all its sessions at once; new privileges apply from the next sign-in.'}</p>

      <h2 safe>{ko ? '역할과 소속 기관' : 'Role and body'}</h2>
      <form method="post" action={`/office/admin/accounts/${a.id}`} class="editor" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <SelectField lang={lang} id="f-role" name="role" required value={p.values.role} options={roleOptions(lang)} problems={p.problems} label={ko ? '역할' : 'Role'} />
        <SelectField lang={lang} id="f-body" name="body" value={p.values.body} options={bodyOptions(lang, p.bodies)} problems={p.problems} label={ko ? '소속 기관' : 'Body'}
          hint={ko ? '등록 담당자는 필수입니다.' : 'Required for registering officers.'} />
        <button type="submit" class="krds-btn primary medium" safe>{ko ? '변경 저장' : 'Save changes'}</button>
      </form>

      <h2 safe>{ko ? '사용 상태' : 'Access'}</h2>
      <div class="actions">
        {self ? <p class="meta" safe>{ko ? '자기 계정은 비활성화할 수 없습니다.' : 'You cannot disable your own account.'}</p> : (
          <form method="post" action={`/office/admin/accounts/${a.id}/${a.disabled ? 'enable' : 'disable'}`} class="inline">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit" class={`krds-btn ${a.disabled ? 'primary' : 'secondary'} medium`} safe>{a.disabled ? (ko ? '계정 다시 사용' : 'Enable the account') : ko ? '계정 비활성화' : 'Disable the account'}</button>
          </form>
        )}
        {isLocked(a) || a.failedLogins > 0 ? (
          <form method="post" action={`/office/admin/accounts/${a.id}/unlock`} class="inline">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit" class="krds-btn secondary medium" safe>{ko ? '잠금 해제 (실패 횟수 초기화)' : 'Unlock (reset failures)'}</button>
          </form>
        ) : ''}
      </div>
      <p><a href={`/office/admin/audit?actor=${encodeURIComponent(a.email)}`} safe>{ko ? '이 계정의 감사 기록 보기' : 'Audit events of this account'}</a></p>
    </OfficeLayout>
  );
}
