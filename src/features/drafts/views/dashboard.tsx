import type { Lang } from '../../../platform/i18n/i18n.ts';
import { OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { Actor } from '../../accounts/actor.ts';
import type { SearchRow } from '../../services/services.repository.ts';
import type { DraftRow } from '../drafts.repository.ts';
import { STATE_LABELS } from './editor.tsx';

export function Dashboard(p: { lang: Lang; actor: Actor; csrf: string; drafts: (DraftRow & { score: number })[]; services: SearchRow[]; queue: DraftRow[] }): JSX.Element {
  const { lang, actor } = p;
  const ko = lang === 'ko';
  // Drafts imported from other registers' standards often have only an English name so far.
  const name = (d: DraftRow) => String((d.disclosure as any)?.name?.ko || (d.disclosure as any)?.name?.en || (ko ? '(이름 없음)' : '(untitled)'));
  return (
    <OfficeLayout lang={lang} title={ko ? '업무 현황' : 'Dashboard'} path="/office" actor={actor} csrf={p.csrf}>
      <h1 safe>{ko ? '업무 현황' : 'Dashboard'}</h1>
      {actor.role === 'officer' ? (
        <>
          <form method="post" action="/office/drafts" class="actions">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit" class="krds-btn primary medium" safe>{ko ? '새 AI 서비스 등록' : 'Register a new AI service'}</button>
            <a href="/office/import" class="krds-btn secondary medium" safe>{ko ? '엑셀·CSV로 여러 건 등록' : 'Import many from a spreadsheet'}</a>
          </form>
          <h2 safe>{ko ? '작성 중인 초안과 제출 현황' : 'Drafts and submissions'}</h2>
          {p.drafts.length === 0 ? <p safe>{ko ? '작성 중인 초안이 없습니다.' : 'No drafts.'}</p> : ''}
          <table class="simple">
            <caption class="sr-only" safe>{ko ? '초안 목록' : 'Drafts'}</caption>
            <thead><tr>{(ko ? ['서비스', '구분', '상태', '완성도', '최근 저장'] : ['Service', 'Kind', 'State', 'Completeness', 'Last saved']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
            <tbody>
              {p.drafts.map((d) => (
                <tr>
                  <td><a href={`/office/drafts/${d.id}`} safe>{name(d)}</a></td>
                  <td safe>{d.publicId ? `${ko ? '변경' : 'Change'} ${d.publicId}` : ko ? '신규' : 'New'}</td>
                  <td safe>{STATE_LABELS[d.state][lang]}</td>
                  <td safe>{`${d.score}%`}</td>
                  <td safe>{d.updatedAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 safe>{ko ? `${actor.bodyNameKo ?? ''} 공개 서비스` : 'Published services of my body'}</h2>
          <table class="simple">
            <caption class="sr-only" safe>{ko ? '공개 서비스' : 'Published services'}</caption>
            <thead><tr>{(ko ? ['등록번호', '서비스', '작업'] : ['ID', 'Service', 'Actions']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
            <tbody>
              {p.services.map((s) => (
                <tr>
                  <td safe>{s.publicId}</td>
                  <td><a href={`/services/${s.publicId}`} safe>{s.name}</a></td>
                  <td>
                    <form method="post" action={`/office/services/${s.publicId}/change`} class="inline">
                      <input type="hidden" name="_csrf" value={p.csrf} />
                      <button type="submit" class="krds-btn secondary small" safe>{ko ? '변경 제안' : 'Propose a change'}</button>
                    </form>{' '}
                    {s.status !== 'discontinued' ? <a href={`/office/services/${s.publicId}/discontinue`} safe>{ko ? '운영 중단' : 'Discontinue'}</a> : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <>
          <h2 safe>{ko ? `검토 대기 ${p.queue.length}건` : `${p.queue.length} waiting for review`}</h2>
          <ul>{p.queue.map((d) => <li><a href={`/office/review/${d.id}`} safe>{`${name(d)} · ${d.bodyNameKo}${d.publicId ? ' · ' + d.publicId : ''}`}</a></li>)}</ul>
        </>
      )}
    </OfficeLayout>
  );
}

export function DiscontinuePage(p: { lang: Lang; actor: Actor; csrf: string; publicId: string; name: string; error?: string }): JSX.Element {
  const ko = p.lang === 'ko';
  return (
    <OfficeLayout lang={p.lang} title={ko ? '운영 중단' : 'Discontinue'} path="/office" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{`${ko ? '운영 중단' : 'Discontinue'}: ${p.name}`}</h1>
      <p safe>{ko ? '운영 중단도 변경 제안으로 검토를 거쳐 공개됩니다. 이전 공개 내용은 삭제되지 않습니다.' : 'A discontinuation is a change proposal, reviewed and published like any other; nothing published is deleted.'}</p>
      {p.error ? <div class="error-summary" role="alert" safe>{p.error}</div> : ''}
      <form method="post" action={`/office/services/${p.publicId}/discontinue`} class="editor">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <div class="form-group">
          <label for="endDate" class="form-tit" safe>{ko ? '운영 종료일 (필수)' : 'End date (required)'}</label>
          <input type="date" id="endDate" name="endDate" class="krds-input" required />
        </div>
        <div class="form-group">
          <label for="changeReason" class="form-tit" safe>{ko ? '중단 사유 (필수)' : 'Reason (required)'}</label>
          <textarea id="changeReason" name="changeReason" class="krds-input" required></textarea>
        </div>
        <button type="submit" class="krds-btn primary medium" safe>{ko ? '중단 제안 만들기' : 'Create the proposal'}</button>
      </form>
    </OfficeLayout>
  );
}
