import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';

/** Back-office form controls with their label, hint and error message next to the field. */
export interface FieldProps {
  lang: Lang;
  id: string;
  name: string;
  label: string;
  problems: FieldProblem[];
  field?: string; // the problem field this control answers for (defaults to name)
  hint?: string;
}

function errorsFor(p: FieldProps) {
  const field = p.field ?? p.name;
  return p.problems.filter((x) => x.field === field);
}

function described(p: FieldProps, hasErrors: boolean) {
  return [p.hint ? `${p.id}-hint` : '', hasErrors ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Messages(p: FieldProps & { errors: FieldProblem[] }): JSX.Element {
  return (
    <>
      {p.hint ? <p class="form-hint" id={`${p.id}-hint`} safe>{p.hint}</p> : ''}
      {p.errors.length ? <p class="field-error" id={`${p.id}-error`} safe>{p.errors.map((e) => (p.lang === 'ko' ? e.message : e.messageEn)).join(' ')}</p> : ''}
    </>
  );
}

export function InputField(p: FieldProps & { type?: 'text' | 'email' | 'password' | 'date'; value?: string; autocomplete?: string; required?: boolean }): JSX.Element {
  const errors = errorsFor(p);
  return (
    <div class={`form-group${errors.length ? ' has-error' : ''}`}>
      <label for={p.id} class="form-tit" safe>{p.label}</label>
      <input type={p.type ?? 'text'} id={p.id} name={p.name} class="krds-input" value={p.value ?? ''} autocomplete={p.autocomplete} required={p.required}
        aria-describedby={described(p, errors.length > 0)} aria-invalid={errors.length ? 'true' : undefined} />
      <Messages {...p} errors={errors} />
    </div>
  );
}

export function SelectField(p: FieldProps & { options: [string, string][]; value?: string | null; required?: boolean }): JSX.Element {
  const errors = errorsFor(p);
  return (
    <div class={`form-group${errors.length ? ' has-error' : ''}`}>
      <label for={p.id} class="form-tit" safe>{p.label}</label>
      <select id={p.id} name={p.name} class="krds-form-select" required={p.required}
        aria-describedby={described(p, errors.length > 0)} aria-invalid={errors.length ? 'true' : undefined}>
        {p.options.map(([value, label]) => <option value={value} selected={(p.value ?? '') === value} safe>{label}</option>)}
      </select>
      <Messages {...p} errors={errors} />
    </div>
  );
}

/** A notice after an action: `ok` as a status message, `error` as an alert. */
export function Notice(p: { notice?: { kind: 'ok' | 'error'; text: string } }): JSX.Element {
  if (!p.notice) return <></>;
  return p.notice.kind === 'ok'
    ? <div class="notice" role="status" safe>{p.notice.text}</div>
    : <div class="error-summary" role="alert" safe>{p.notice.text}</div>;
}

const KST = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Seoul', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** Korea Standard Time, `YYYY-MM-DD HH:mm:ss` (the back office shows every time in KST). */
export function kst(value: Date | string | null | undefined): string {
  if (!value) return '';
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? '' : KST.format(d);
}
