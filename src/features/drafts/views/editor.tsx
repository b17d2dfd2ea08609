import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { ErrorSummary, OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { Actor } from '../../accounts/actor.ts';
import { DATASET_KINDS } from '../../disclosure/codes.ts';
import { FORM_SECTIONS, fieldLabel, getPath, type FormField } from '../../disclosure/disclosure.form.ts';
import type { Completeness } from '../completeness.ts';

export interface EditorProps {
  lang: Lang;
  actor: Actor;
  csrf: string;
  draft: { id: number; revision: number; state: string; publicId: string | null; bodyNameKo: string; changeReason: string | null };
  values: any;
  problems: FieldProblem[];
  comments: { item: string; comment: string; authorName: string | null; createdAt: Date }[];
  completeness: Completeness;
  notice?: { kind: 'ok' | 'conflict'; text: string };
}

export const fieldId = (path: string) => 'f-' + path.replace(/\./g, '-');
const problemsFor = (problems: FieldProblem[], path: string) => problems.filter((x) => x.field === path || x.field.startsWith(path + '.'));

function Field(p: { lang: Lang; field: FormField; values: any; problems: FieldProblem[]; comments: EditorProps['comments'] }): JSX.Element {
  const { field, lang } = p;
  const id = fieldId(field.path);
  const label = fieldLabel(field)[lang] + (field.required ? (lang === 'ko' ? ' (필수)' : ' (required)') : '');
  const value = getPath(p.values, field.path);
  const errs = problemsFor(p.problems, field.path);
  const described = [field.help ? `${id}-hint` : '', errs.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const comments = p.comments.filter((c) => c.item === field.path || field.path.startsWith(c.item + '.'));
  let control: JSX.Element;
  if (field.widget === 'textarea') {
    control = <textarea id={id} name={field.path} class="krds-input" aria-describedby={described} aria-invalid={errs.length ? 'true' : undefined} safe>{String(value ?? '')}</textarea>;
  } else if (field.widget === 'select') {
    control = (
      <select id={id} name={field.path} class="krds-form-select" aria-describedby={described} aria-invalid={errs.length ? 'true' : undefined}>
        <option value="" safe>{lang === 'ko' ? '선택하십시오' : 'Choose'}</option>
        {Object.entries(field.options ?? {}).map(([k, l]) => <option value={k} selected={value === k} safe>{l[lang]}</option>)}
      </select>
    );
  } else if (field.widget === 'checkboxes' || field.widget === 'bool') {
    const opts: [string, string][] = field.widget === 'bool'
      ? [['true', lang === 'ko' ? '예' : 'Yes'], ['false', lang === 'ko' ? '아니오' : 'No']]
      : Object.entries(field.options ?? {}).map(([k, l]) => [k, l[lang]]);
    const checked = (k: string) => (field.widget === 'bool' ? value !== undefined && String(value) === k : Array.isArray(value) && value.includes(k));
    return (
      <fieldset class={`form-group choices${errs.length ? ' has-error' : ''}`} id={id} aria-describedby={described}>
        <legend class="form-tit" safe>{label}</legend>
        {/* KRDS hides legends and native inputs: the visible title repeats the legend, and each input is drawn by krds-form-check. */}
        <p class="form-tit" aria-hidden="true" safe>{label}</p>
        <div class="krds-check-area">
          {opts.map(([k, l], i) => (
            <div class="krds-form-check medium">
              <input type={field.widget === 'bool' ? 'radio' : 'checkbox'} id={`${id}-${i}`} name={field.path} value={k} checked={checked(k)} />
              <label for={`${id}-${i}`} safe>{l}</label>
            </div>
          ))}
        </div>
        {field.help ? <p class="form-hint" id={`${id}-hint`} safe>{field.help[lang]}</p> : ''}
        {errs.length ? <p class="field-error" id={`${id}-error`} safe>{errs.map((e) => (lang === 'ko' ? e.message : e.messageEn)).join(' ')}</p> : ''}
        {comments.map((c) => <p class="comment" safe>{`${lang === 'ko' ? '검토 의견' : 'Review comment'}: ${c.comment}`}</p>)}
      </fieldset>
    );
  } else {
    const type = field.widget === 'date' ? 'date' : field.widget === 'number' ? 'number' : field.widget === 'email' ? 'email' : 'text';
    control = <input type={type} id={id} name={field.path} class="krds-input" value={value === undefined || value === null ? '' : String(value)} aria-describedby={described} aria-invalid={errs.length ? 'true' : undefined} />;
  }
  return (
    <div class={`form-group${errs.length ? ' has-error' : ''}`}>
      <label for={id} class="form-tit" safe>{label}</label>
      {control}
      {field.help ? <p class="form-hint" id={`${id}-hint`} safe>{field.help[lang]}</p> : ''}
      {errs.length ? <p class="field-error" id={`${id}-error`} safe>{errs.map((e) => (lang === 'ko' ? e.message : e.messageEn)).join(' ')}</p> : ''}
      {comments.map((c) => <p class="comment" safe>{`${lang === 'ko' ? '검토 의견' : 'Review comment'}: ${c.comment}`}</p>)}
    </div>
  );
}

function DatasetRows(p: { lang: Lang; values: any; problems: FieldProblem[] }): JSX.Element {
  const ko = p.lang === 'ko';
  const rows: any[] = [...(p.values?.data?.datasets ?? []), {}, {}];
  return (
    <fieldset id={fieldId('data.datasets')}>
      <legend safe>{ko ? '데이터셋 (빈 줄은 저장되지 않습니다)' : 'Datasets (empty rows are ignored)'}</legend>
      <p class="form-tit" aria-hidden="true" safe>{ko ? '데이터셋 (빈 줄은 저장되지 않습니다)' : 'Datasets (empty rows are ignored)'}</p>
      {problemsFor(p.problems, 'data.datasets').map((e) => <p class="field-error" safe>{`${e.field}: ${ko ? e.message : e.messageEn}`}</p>)}
      {rows.map((r, i) => (
        <div class="form-group">
          <label for={`f-ds-${i}-name`} safe>{`${ko ? '데이터 이름' : 'Dataset name'} ${i + 1}`}</label>
          <input type="text" id={`f-ds-${i}-name`} name={`data.datasets.${i}.name`} class="krds-input" value={r.name ?? ''} />
          <label for={`f-ds-${i}-source`} safe>{ko ? '출처 기관' : 'Source body'}</label>
          <input type="text" id={`f-ds-${i}-source`} name={`data.datasets.${i}.sourceBody`} class="krds-input" value={r.sourceBody ?? ''} />
          <label for={`f-ds-${i}-kind`} safe>{ko ? '종류' : 'Kind'}</label>
          <select id={`f-ds-${i}-kind`} name={`data.datasets.${i}.kind`} class="krds-form-select">
            {Object.entries(DATASET_KINDS).map(([k, l]) => <option value={k} selected={r.kind === k} safe>{l[p.lang]}</option>)}
          </select>
          <label for={`f-ds-${i}-personal`} safe>{ko ? '개인정보 포함' : 'Contains personal data'}</label>
          <select id={`f-ds-${i}-personal`} name={`data.datasets.${i}.personal`} class="krds-form-select">
            <option value="false" selected={r.personal !== true} safe>{ko ? '아니오' : 'No'}</option>
            <option value="true" selected={r.personal === true} safe>{ko ? '예' : 'Yes'}</option>
          </select>
        </div>
      ))}
    </fieldset>
  );
}

function OutcomeRows(p: { lang: Lang; values: any; problems: FieldProblem[] }): JSX.Element {
  const ko = p.lang === 'ko';
  const rows: any[] = [...(p.values?.outcomes ?? []), {}];
  return (
    <fieldset id={fieldId('outcomes')}>
      <legend safe>{ko ? '성과 지표' : 'Outcome indicators'}</legend>
      <p class="form-tit" aria-hidden="true" safe>{ko ? '성과 지표' : 'Outcome indicators'}</p>
      {problemsFor(p.problems, 'outcomes').map((e) => <p class="field-error" safe>{`${e.field}: ${ko ? e.message : e.messageEn}`}</p>)}
      {rows.map((r, i) => (
        <div class="form-group">
          <label for={`f-oc-${i}-name`} safe>{`${ko ? '지표 이름' : 'Indicator'} ${i + 1}`}</label>
          <input type="text" id={`f-oc-${i}-name`} name={`outcomes.${i}.name`} class="krds-input" value={r.name?.ko ?? ''} />
          <label for={`f-oc-${i}-name-en`} safe>{`${ko ? '지표 이름 (영문)' : 'Indicator (English)'} ${i + 1}`}</label>
          <input type="text" id={`f-oc-${i}-name-en`} name={`outcomes.${i}.nameEn`} class="krds-input" lang="en" value={r.name?.en ?? ''} />
          <label for={`f-oc-${i}-unit`} safe>{ko ? '단위' : 'Unit'}</label>
          <input type="text" id={`f-oc-${i}-unit`} name={`outcomes.${i}.unit`} class="krds-input" value={r.unit ?? ''} />
          <label for={`f-oc-${i}-values`} safe>{ko ? '값 (한 줄에 하나: 기준일,값,비고)' : 'Values (one per line: date,value,note)'}</label>
          <textarea id={`f-oc-${i}-values`} name={`outcomes.${i}.values`} class="krds-input" safe>
            {(r.values ?? []).map((v: any) => [v.date, v.value, v.note].filter((x) => x !== undefined && x !== null).join(',')).join('\n')}
          </textarea>
        </div>
      ))}
    </fieldset>
  );
}

const FORM_PATHS = FORM_SECTIONS.flatMap((s) => s.fields.map((f) => f.path));

/** A problem on a whole object (e.g. `summary` missing) belongs to its first field in the form (`summary.ko`). */
export function toFormField(path: string): string {
  if (FORM_PATHS.includes(path) || path.startsWith('data.datasets') || path.startsWith('outcomes') || path === 'changeReason') return path;
  return FORM_PATHS.find((f) => f.startsWith(path + '.')) ?? FORM_PATHS.find((f) => path.startsWith(f + '.')) ?? path;
}

export function Editor(props: EditorProps): JSX.Element {
  const p = { ...props, problems: props.problems.map((x) => ({ ...x, field: toFormField(x.field) })) };
  const { lang, draft } = p;
  const ko = lang === 'ko';
  const editable = draft.state === 'draft' || draft.state === 'returned';
  const title = draft.publicId ? (ko ? `변경 제안: ${draft.publicId}` : `Change proposal: ${draft.publicId}`) : ko ? '새 AI 서비스 등록' : 'Register a new AI service';
  const general = p.comments.filter((c) => c.item === 'general' || !FORM_SECTIONS.some((s) => s.fields.some((f) => f.path === c.item || f.path.startsWith(c.item + '.'))));
  return (
    <OfficeLayout lang={lang} title={title} path={`/office/drafts/${draft.id}`} actor={p.actor} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      <p class="meta" safe>{`${ko ? '초안' : 'Draft'} #${draft.id} · ${draft.bodyNameKo} · ${ko ? '상태' : 'State'}: ${STATE_LABELS[draft.state]?.[lang] ?? draft.state} · ${ko ? '수정 번호' : 'Revision'} ${draft.revision}`}</p>
      {p.notice ? <div class={p.notice.kind === 'ok' ? 'notice' : 'error-summary'} role={p.notice.kind === 'ok' ? 'status' : 'alert'} safe>{p.notice.text}</div> : ''}
      <ErrorSummary lang={lang} problems={p.problems} fieldId={fieldId} />
      <p>
        <span class="score" safe>{`${ko ? '완성도' : 'Completeness'} ${p.completeness.score}%`}</span>
        {p.completeness.missing.length ? <span safe>{` · ${ko ? '권장 항목 중 비어 있음' : 'Recommended but empty'}: ${p.completeness.missing.map((m) => m.label[lang]).join(', ')}`}</span> : ''}
      </p>
      {general.map((c) => <p class="comment" safe>{`${ko ? '검토 의견' : 'Review comment'} (${c.authorName ?? ''}): ${c.comment}`}</p>)}
      <p><a href={`/office/drafts/${draft.id}/preview`} safe>{ko ? '공개 화면 미리보기' : 'Preview as the public will see it'}</a></p>
      {editable ? (
        <form method="post" action={`/office/drafts/${draft.id}`} class="editor" novalidate>
          <input type="hidden" name="_csrf" value={p.csrf} />
          <input type="hidden" name="revision" value={String(draft.revision)} />
          {draft.publicId ? (
            <div class={`form-group${problemsFor(p.problems, 'changeReason').length ? ' has-error' : ''}`}>
              <label for="f-changeReason" class="form-tit" safe>{ko ? '변경 사유 (필수)' : 'Reason for the change (required)'}</label>
              <textarea id="f-changeReason" name="changeReason" class="krds-input" safe>{draft.changeReason ?? ''}</textarea>
              {problemsFor(p.problems, 'changeReason').map((e) => <p class="field-error" safe>{ko ? e.message : e.messageEn}</p>)}
            </div>
          ) : ''}
          {FORM_SECTIONS.map((s) => (
            <fieldset id={`section-${s.id}`}>
              <legend safe>{s.title[lang]}</legend>
              <h2 class="section-title" aria-hidden="true" safe>{s.title[lang]}</h2>
              {s.fields.map((field) => <Field lang={lang} field={field} values={p.values} problems={p.problems} comments={p.comments} />)}
              {s.repeat === 'datasets' ? <DatasetRows lang={lang} values={p.values} problems={p.problems} /> : ''}
              {s.repeat === 'outcomes' ? <OutcomeRows lang={lang} values={p.values} problems={p.problems} /> : ''}
            </fieldset>
          ))}
          <div class="actions">
            <button type="submit" name="intent" value="save" class="krds-btn secondary medium" safe>{ko ? '임시 저장' : 'Save draft'}</button>
            <button type="submit" name="intent" value="submit" class="krds-btn primary medium" safe>{ko ? '검토 요청 (제출)' : 'Submit for review'}</button>
          </div>
        </form>
      ) : (
        <p class="notice" safe>{ko ? '제출되었거나 처리가 끝난 초안은 고칠 수 없습니다.' : 'This draft can no longer be edited.'}</p>
      )}
    </OfficeLayout>
  );
}

export const STATE_LABELS: Record<string, { ko: string; en: string }> = {
  draft: { ko: '작성 중', en: 'Draft' },
  submitted: { ko: '검토 요청됨', en: 'Submitted' },
  returned: { ko: '보완 요청됨', en: 'Returned' },
  published: { ko: '게시됨', en: 'Published' },
  withdrawn: { ko: '철회됨', en: 'Withdrawn' },
};
