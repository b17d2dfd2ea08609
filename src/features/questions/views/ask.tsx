import { href, type Lang } from '../../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ErrorSummary } from '../../../platform/views/office-layout.tsx';
import { FIELD_LABELS, MAX_LINKS, QUESTION_KINDS, TEXT_MAX } from '../questions.schema.ts';
import { HONEYPOT_FIELD, STAMP_FIELD } from '../questions.spam.ts';

export interface AskValues {
  kind?: string;
  text?: string;
  name?: string;
  email?: string;
}

const fieldId = (field: string) => `q-${field}`;

function FieldError(p: { lang: Lang; field: string; problems: FieldProblem[] }): JSX.Element {
  const errs = p.problems.filter((x) => x.field === p.field);
  if (!errs.length) return <></>;
  return <p class="field-error" id={`${fieldId(p.field)}-error`} safe>{errs.map((e) => (p.lang === 'ko' ? e.message : e.messageEn)).join(' ')}</p>;
}

const describedBy = (field: string, problems: FieldProblem[], hint = true) =>
  [hint ? `${fieldId(field)}-hint` : '', problems.some((x) => x.field === field) ? `${fieldId(field)}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The public form for a question or an error report about one service. No account needed. */
export function AskPage(p: {
  lang: Lang; publicId: string; serviceName: string; bodyName: string; csrf: string; stamp: string;
  values: AskValues; problems: FieldProblem[]; notice?: string;
}): JSX.Element {
  const { lang, problems } = p;
  const ko = lang === 'ko';
  const label = (f: string) => FIELD_LABELS[f][lang];
  const has = (f: string) => problems.some((x) => x.field === f);
  const kind = p.values.kind === 'error' ? 'error' : 'question';
  const title = ko ? '질문하기·오류 신고' : 'Ask a question or report an error';
  return (
    <Layout lang={lang} title={`${title}: ${p.serviceName}`} path={`/services/${p.publicId}/ask`}>
      <nav class="krds-breadcrumb-wrap" aria-label={ko ? '현재 경로' : 'Breadcrumb'}>
        <ol class="breadcrumb">
          <li class="home"><a href={href('/', lang)} class="txt" safe>{ko ? '홈' : 'Home'}</a></li>
          <li><a href={href('/services', lang)} class="txt" safe>{ko ? '서비스 찾기' : 'Find services'}</a></li>
          <li><a href={href(`/services/${p.publicId}`, lang)} class="txt" safe>{p.serviceName}</a></li>
        </ol>
      </nav>
      <h1 safe>{title}</h1>
      <p class="lead" safe>{`${p.serviceName} · ${p.bodyName}`}</p>
      <p safe>
        {ko
          ? '이 AI 서비스에 대해 궁금한 점을 묻거나, 공개된 내용의 오류를 알려 주십시오. 계정 없이 보낼 수 있습니다. 담당 기관이 답변하면 질문과 답변이 이 서비스 페이지에 공개됩니다.'
          : 'Ask about this AI service or tell us about an error in what is published. No account is needed. When the responsible body answers, the question and the answer are published on the service page.'}
      </p>
      {p.notice ? <div class="error-summary" role="alert" id="form-notice" safe>{p.notice}</div> : ''}
      <ErrorSummary lang={lang} problems={problems.filter((x) => x.field !== 'form')} fieldId={fieldId} />
      <form method="post" action={href(`/services/${p.publicId}/ask`, lang)} class="editor" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name={STAMP_FIELD} value={p.stamp} />

        <fieldset class={`form-group choices${has('kind') ? ' has-error' : ''}`} id={fieldId('kind')} aria-describedby={has('kind') ? `${fieldId('kind')}-error` : undefined}>
          <legend class="form-tit" safe>{`${label('kind')} ${ko ? '(필수)' : '(required)'}`}</legend>
          {/* KRDS hides every legend visually; this shows the same words to sighted readers only. */}
          <p class="form-tit" aria-hidden="true" safe>{`${label('kind')} ${ko ? '(필수)' : '(required)'}`}</p>
          <div class="krds-check-area">
            {Object.entries(QUESTION_KINDS).map(([k, l]) => (
              <div class="krds-form-check medium">
                <input type="radio" id={`${fieldId('kind')}-${k}`} name="kind" value={k} checked={kind === k} />
                <label for={`${fieldId('kind')}-${k}`} safe>{l[lang]}</label>
              </div>
            ))}
          </div>
          <FieldError lang={lang} field="kind" problems={problems} />
        </fieldset>

        <div class={`form-group${has('text') ? ' has-error' : ''}`}>
          <label for={fieldId('text')} class="form-tit" safe>{`${label('text')} ${ko ? '(필수)' : '(required)'}`}</label>
          <textarea id={fieldId('text')} name="text" class="krds-input" rows="8" maxlength={String(TEXT_MAX)} required aria-describedby={describedBy('text', problems)} aria-invalid={has('text') ? 'true' : undefined} safe>{p.values.text ?? ''}</textarea>
          <p class="form-hint" id={`${fieldId('text')}-hint`} safe>
            {ko
              ? `${TEXT_MAX}자까지, 링크는 ${MAX_LINKS}개까지 넣을 수 있습니다. 내용은 답변과 함께 공개되니 주민등록번호, 연락처 같은 개인정보는 적지 마십시오.`
              : `Up to ${TEXT_MAX} characters and ${MAX_LINKS} links. The text is published with the answer: do not include personal details such as ID numbers or phone numbers.`}
          </p>
          <FieldError lang={lang} field="text" problems={problems} />
        </div>

        <div class={`form-group${has('name') ? ' has-error' : ''}`}>
          <label for={fieldId('name')} class="form-tit" safe>{`${label('name')} ${ko ? '(선택)' : '(optional)'}`}</label>
          <input type="text" id={fieldId('name')} name="name" class="krds-input" maxlength="50" autocomplete="name" value={p.values.name ?? ''} aria-describedby={describedBy('name', problems)} aria-invalid={has('name') ? 'true' : undefined} />
          <p class="form-hint" id={`${fieldId('name')}-hint`} safe>{ko ? '공개되지 않습니다. 답변하는 담당자만 봅니다.' : 'Not published; only the officer answering sees it.'}</p>
          <FieldError lang={lang} field="name" problems={problems} />
        </div>

        <div class={`form-group${has('email') ? ' has-error' : ''}`}>
          <label for={fieldId('email')} class="form-tit" safe>{`${label('email')} ${ko ? '(선택)' : '(optional)'}`}</label>
          <input type="email" id={fieldId('email')} name="email" class="krds-input" maxlength="254" autocomplete="email" value={p.values.email ?? ''} aria-describedby={describedBy('email', problems)} aria-invalid={has('email') ? 'true' : undefined} />
          <p class="form-hint" id={`${fieldId('email')}-hint`} safe>{ko ? '답변이 등록되었음을 알리는 데에만 쓰며, 어디에도 공개하지 않습니다.' : 'Used only to tell you that an answer is available; never published.'}</p>
          <FieldError lang={lang} field="email" problems={problems} />
        </div>

        {/* A honeypot: invisible to people (and to screen readers), filled in by form-filling bots. */}
        <div aria-hidden="true" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">
          <label for="q-homepage" safe>{ko ? '홈페이지 (비워 두십시오)' : 'Homepage (leave empty)'}</label>
          <input type="text" id="q-homepage" name={HONEYPOT_FIELD} value="" tabindex="-1" autocomplete="off" />
        </div>

        <div class="actions">
          <button type="submit" class="krds-btn primary medium" safe>{ko ? '보내기' : 'Send'}</button>
          <a href={href(`/services/${p.publicId}`, lang)} class="krds-btn secondary medium" safe>{ko ? '취소' : 'Cancel'}</a>
        </div>
      </form>
    </Layout>
  );
}

/** After sending: what happens next. */
export function AskSentPage(p: { lang: Lang; publicId: string; serviceName: string }): JSX.Element {
  const ko = p.lang === 'ko';
  const title = ko ? '보내 주신 내용이 접수되었습니다' : 'Thank you: your message has been received';
  return (
    <Layout lang={p.lang} title={title} path={`/services/${p.publicId}/ask/sent`}>
      <h1 safe>{title}</h1>
      <div class="notice" role="status">
        <p safe>
          {ko
            ? `「${p.serviceName}」을(를) 운영하는 기관이 검토한 뒤 답변합니다. 답변은 질문과 함께 서비스 페이지의 「도민 질문과 답변」에 공개됩니다. 이름과 전자우편은 공개되지 않습니다.`
            : `The body running "${p.serviceName}" will review it and answer. The answer is published together with your question under "Questions and answers" on the service page. Your name and email are never published.`}
        </p>
      </div>
      <p>
        <a href={href(`/services/${p.publicId}`, p.lang)} class="krds-btn primary medium" safe>{ko ? '서비스 페이지로 돌아가기' : 'Back to the service page'}</a>
      </p>
    </Layout>
  );
}
