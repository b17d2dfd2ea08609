import type { Lang } from '../../../platform/i18n/i18n.ts';
import { OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { Actor } from '../../accounts/actor.ts';
import { UPLOAD_FORMATS, type UploadFormat } from '../import.foreign.ts';
import { MAX_MB, MAX_ROWS } from '../import.read.ts';
import type { ImportProblem, ImportReport } from '../import.service.ts';

const ENCODINGS: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 (BOM)', cp949: 'CP949 (EUC-KR)', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' };

const FORMAT_NAMES: Record<UploadFormat, { ko: string; en: string }> = {
  spreadsheet: { ko: '등록부 서식 (xlsx 또는 CSV)', en: 'Registry spreadsheet (xlsx or CSV)' },
  nl: { ko: '네덜란드 알고리즘 등록부 (NL, JSON·CSV)', en: 'Netherlands Algoritmeregister (NL, JSON or CSV)' },
  uk: { ko: '영국 알고리즘 투명성 기록 (UK ATRS, JSON·CSV)', en: 'UK Algorithmic Transparency Recording Standard (JSON or CSV)' },
  eu: { ko: 'EU AI법 부속서 VIII (EU, JSON·CSV)', en: 'EU AI Act Annex VIII (JSON or CSV)' },
  'us-2024': { ko: '미국 연방 AI 활용 사례 목록 2024 (CSV·JSON)', en: 'US federal AI use case inventory 2024 (CSV or JSON)' },
  'us-2025': { ko: '미국 연방 AI 활용 사례 목록 2025 (CSV·JSON)', en: 'US federal AI use case inventory 2025 (CSV or JSON)' },
};

function UploadForm(p: { lang: Lang; csrf: string; again?: boolean; format?: UploadFormat }): JSX.Element {
  const ko = p.lang === 'ko';
  const chosen = p.format ?? 'spreadsheet';
  return (
    <form method="post" action="/office/import" enctype="multipart/form-data" class="editor">
      <input type="hidden" name="_csrf" value={p.csrf} />
      <div class="form-group">
        <label for="import-format" class="form-tit" safe>{ko ? '파일 형식' : 'File format'}</label>
        <p class="form-hint" id="import-format-hint" safe>{ko ? '다른 등록부의 표준 파일은 모든 행을 이 기관의 초안으로 가져오며, 원래 기록은 초안에 함께 보관합니다.' : 'Files in another register’s standard become drafts of your body, row by row; each draft keeps its original record.'}</p>
        <select id="import-format" name="format" class="krds-form-select" aria-describedby="import-format-hint">
          {UPLOAD_FORMATS.map((f) => <option value={f} selected={f === chosen} safe>{ko ? FORMAT_NAMES[f].ko : FORMAT_NAMES[f].en}</option>)}
        </select>
      </div>
      <div class="form-group">
        <label for="import-file" class="form-tit" safe>{p.again ? (ko ? '고친 파일 다시 올리기' : 'Upload the corrected file') : ko ? '파일 (xlsx 또는 CSV)' : 'File (xlsx or CSV)'}</label>
        <p class="form-hint" id="import-file-hint" safe>{ko ? `${MAX_ROWS.toLocaleString('ko-KR')}행, ${MAX_MB}MB까지. CSV는 UTF-8과 CP949(EUC-KR) 모두 읽습니다.` : `Up to ${MAX_ROWS} rows and ${MAX_MB} MB. CSV in UTF-8 or CP949 (EUC-KR).`}</p>
        <input type="file" id="import-file" name="file" class="krds-input" required accept=".xlsx,.csv,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="import-file-hint" />
      </div>
      <button type="submit" class="krds-btn primary medium" safe>{ko ? '검사하기 (아직 저장하지 않습니다)' : 'Check the file (nothing is saved yet)'}</button>
    </form>
  );
}

function ProblemTable(p: { lang: Lang; caption: string; problems: ImportProblem[] }): JSX.Element {
  const ko = p.lang === 'ko';
  return (
    <table class="simple">
      <caption safe>{p.caption}</caption>
      <thead><tr>{(ko ? ['행', '셀', '열', '문제', '입력값'] : ['Row', 'Cell', 'Column', 'Problem', 'Value']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
      <tbody>
        {p.problems.map((x) => (
          <tr>
            <td safe>{x.row === null ? (ko ? '파일' : 'File') : String(x.row)}</td>
            <td safe>{x.cell ?? ''}</td>
            <td safe>{x.header ? `${ko ? x.header.ko : x.header.en} (${x.column})` : x.column ?? ''}</td>
            <td safe>{ko ? x.message : x.messageEn}</td>
            <td safe>{x.value ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const listed = (caption: string, shown: number, total: number, ko: boolean) =>
  shown < total ? `${caption} ${ko ? `(처음 ${shown}건 / 전체 ${total}건)` : `(first ${shown} of ${total})`}` : caption;

export function ImportPage(p: { lang: Lang; actor: Actor; csrf: string; report?: ImportReport; uploadId?: string; notice?: string; format?: UploadFormat }): JSX.Element {
  const ko = p.lang === 'ko';
  const r = p.report;
  const title = ko ? '엑셀·CSV 일괄 등록' : 'Spreadsheet import';
  return (
    <OfficeLayout lang={p.lang} title={title} path="/office/import" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{title}</h1>
      {p.notice ? <div class="error-summary" role="alert" safe>{p.notice}</div> : ''}
      {!r ? (
        <>
          <p safe>{ko
            ? `${p.actor.bodyNameKo ?? ''}의 AI 서비스 여러 건을 한 번에 초안으로 만듭니다. 서식을 내려받아 채운 뒤 올리십시오. 올린 파일은 먼저 모든 행을 검사해 결과를 보여 주며, 확인을 눌러야 저장됩니다. 오류가 하나라도 있으면 아무것도 저장하지 않습니다.`
            : 'Create drafts for many AI services of your body at once: download the template, fill it in and upload it. Every row is checked first and nothing is saved until you confirm; if any row has an error, nothing is saved.'}</p>
          <p><a href="/office/import/template.xlsx" class="krds-btn secondary medium" download="gg-ai-registry-import-template.xlsx" safe>{ko ? '서식 내려받기 (xlsx, 도움말 포함)' : 'Download the template (xlsx, with help sheet)'}</a></p>
          <p class="meta" safe>{ko ? '등록부에서 내려받은 xlsx·CSV 파일(공공데이터·API 메뉴)도 그대로 올릴 수 있습니다. 등록번호를 적은 행은 그 서비스의 변경 제안이 되며 「변경 사유」 열이 필요합니다.' : 'Files exported by the registry (xlsx, CSV) import as they are. A row with a registry ID becomes a change proposal for that service and needs a change_reason column.'}</p>
          <UploadForm lang={p.lang} csrf={p.csrf} format={p.format} />
        </>
      ) : (
        <>
          <section aria-labelledby="report-title">
            <h2 id="report-title" safe>{ko ? '검사 결과' : 'Check report'}</h2>
            <p class="meta" safe>{`${r.filename ?? ''} · ${r.standard ?? r.format ?? ''}${r.encoding ? ' · ' + (ENCODINGS[r.encoding] ?? r.encoding) : ''} · SHA-256 ${r.sha256.slice(0, 16)}…`}</p>
            <table class="simple">
              <caption class="sr-only" safe>{ko ? '요약' : 'Summary'}</caption>
              <tbody>
                <tr><th scope="row" safe>{ko ? '읽은 행' : 'Rows read'}</th><td safe>{String(r.rows)}</td></tr>
                <tr><th scope="row" safe>{ko ? '새 서비스 초안' : 'New service drafts'}</th><td safe>{String(r.newDrafts)}</td></tr>
                <tr><th scope="row" safe>{ko ? '변경 제안 초안' : 'Change proposals'}</th><td safe>{String(r.changes)}</td></tr>
                <tr><th scope="row" safe>{ko ? '오류' : 'Errors'}</th><td safe>{String(r.errorCount)}</td></tr>
                <tr><th scope="row" safe>{ko ? '경고' : 'Warnings'}</th><td safe>{String(r.warningCount)}</td></tr>
              </tbody>
            </table>
          </section>
          {r.ok ? (
            <>
              <p class="notice" role="status" safe>{ko ? `오류가 없습니다. 아직 아무것도 저장하지 않았습니다. 확인을 누르면 초안 ${r.newDrafts + r.changes}건을 한꺼번에 만듭니다.` : `No errors. Nothing is saved yet; confirm to create ${r.newDrafts + r.changes} drafts at once.`}</p>
              {r.warnings.length ? <ProblemTable lang={p.lang} caption={listed(ko ? '경고 (저장에는 영향 없음)' : 'Warnings (do not block saving)', r.warnings.length, r.warningCount, ko)} problems={r.warnings} /> : ''}
              <form method="post" action="/office/import/confirm" class="actions">
                <input type="hidden" name="_csrf" value={p.csrf} />
                <input type="hidden" name="upload" value={p.uploadId ?? ''} />
                <input type="hidden" name="sha256" value={r.sha256} />
                <button type="submit" class="krds-btn primary medium" safe>{ko ? `초안 ${r.newDrafts + r.changes}건 저장` : `Save ${r.newDrafts + r.changes} drafts`}</button>
                <a href="/office/import" class="krds-btn secondary medium" safe>{ko ? '취소' : 'Cancel'}</a>
              </form>
            </>
          ) : (
            <>
              <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <h2 safe>{r.refused
                  ? (ko ? '다른 기관의 서비스나 기관코드가 있어 이 파일은 가져올 수 없습니다' : 'This file names another body’s service or body and cannot be imported')
                  : (ko ? `오류 ${r.errorCount}건: 아무것도 저장하지 않았습니다` : `${r.errorCount} errors: nothing was saved`)}</h2>
                <p safe>{ko ? '아래 표의 행과 열을 고친 뒤 파일을 다시 올리십시오.' : 'Fix the rows and columns listed below and upload the file again.'}</p>
              </div>
              <ProblemTable lang={p.lang} caption={r.errorCount > r.errors.length ? (ko ? `오류 (처음 ${r.errors.length}건 / 전체 ${r.errorCount}건)` : `Errors (first ${r.errors.length} of ${r.errorCount})`) : ko ? '오류' : 'Errors'} problems={r.errors} />
              {r.warnings.length ? <ProblemTable lang={p.lang} caption={listed(ko ? '경고' : 'Warnings', r.warnings.length, r.warningCount, ko)} problems={r.warnings} /> : ''}
              <UploadForm lang={p.lang} csrf={p.csrf} again format={p.format} />
            </>
          )}
        </>
      )}
    </OfficeLayout>
  );
}
