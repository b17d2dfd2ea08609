import type { Lang } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';

export function LoginPage(p: { lang: Lang; csrf: string; next: string; email?: string; error?: string; oidc: boolean }): JSX.Element {
  const ko = p.lang === 'ko';
  return (
    <Layout lang={p.lang} title={ko ? '담당자 로그인' : 'Sign in'} path="/office/login">
      <h1 safe>{ko ? '담당자 로그인' : 'Sign in for officers'}</h1>
      <p safe>{ko ? '기관의 등록 담당자, AI국 검토자, 관리자가 사용하는 업무 화면입니다.' : 'For registering officers, reviewers and administrators.'}</p>
      {p.error ? <div class="error-summary" role="alert" safe>{p.error}</div> : ''}
      <form method="post" action="/office/login" class="editor">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <div class="form-group">
          <label for="email" class="form-tit" safe>{ko ? '전자우편' : 'Email'}</label>
          <input type="email" id="email" name="email" class="krds-input" autocomplete="username" required value={p.email ?? ''} />
        </div>
        <div class="form-group">
          <label for="password" class="form-tit" safe>{ko ? '비밀번호' : 'Password'}</label>
          <input type="password" id="password" name="password" class="krds-input" autocomplete="current-password" required />
        </div>
        <button type="submit" class="krds-btn primary medium" safe>{ko ? '로그인' : 'Sign in'}</button>
      </form>
      {p.oidc ? <p><a href="/office/login/oidc" class="krds-btn secondary medium" safe>{ko ? '행정 통합인증(SSO)으로 로그인' : 'Sign in with government SSO'}</a></p> : ''}
    </Layout>
  );
}
