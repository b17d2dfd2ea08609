import { t, type Lang } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';

type Op = { method: string; path: string; summary: string; parameters?: { name: string; in: string; description?: string; schema?: any }[] };

/** The open-data page: bulk downloads and an API reference rendered from the OpenAPI document. */
export function DataPage(p: { lang: Lang; operations: Op[] }): JSX.Element {
  const ko = p.lang === 'ko';
  const downloads: [string, string][] = [
    ['/api/v1/export.csv', ko ? 'CSV (UTF-8, BOM 포함: 엑셀에서 한글이 깨지지 않습니다)' : 'CSV (UTF-8 with BOM, opens in Excel)'],
    ['/api/v1/export.xlsx', ko ? '엑셀 (xlsx)' : 'Excel (xlsx)'],
    ['/api/v1/export.json', 'JSON'],
  ];
  return (
    <Layout lang={p.lang} title={t('navData', p.lang)} path="/data">
      <h1 safe>{t('navData', p.lang)}</h1>
      <p class="lead" safe>{ko ? '등록부의 모든 공개 정보는 인증 없이 내려받고 API로 조회할 수 있습니다. 모든 행에 등록번호와 기관코드가 들어 있습니다.' : 'Everything published can be downloaded and queried without a key. Every row carries the registry ID and the body code.'}</p>
      <h2 safe>{ko ? '일괄 내려받기' : 'Bulk downloads'}</h2>
      <ul>{downloads.map(([u, l]) => <li><a href={u} safe>{l}</a></li>)}</ul>
      <h2 safe>{ko ? 'API 참조' : 'API reference'}</h2>
      <p>
        <span safe>{ko ? 'OpenAPI 3 문서: ' : 'OpenAPI 3 document: '}</span>
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>
      </p>
      {p.operations.map((op) => (
        <section>
          <h3><code safe>{`${op.method.toUpperCase()} ${op.path}`}</code></h3>
          <p safe>{op.summary}</p>
          {op.parameters?.length ? (
            <table class="simple">
              <caption class="sr-only" safe>{`${op.path} parameters`}</caption>
              <thead><tr><th scope="col" safe>{ko ? '매개변수' : 'Parameter'}</th><th scope="col" safe>{ko ? '위치' : 'In'}</th><th scope="col" safe>{ko ? '설명' : 'Description'}</th><th scope="col" safe>{ko ? '값' : 'Values'}</th></tr></thead>
              <tbody>
                {op.parameters.map((x) => (
                  <tr><td><code safe>{x.name}</code></td><td safe>{x.in}</td><td safe>{x.description ?? ''}</td><td safe>{x.schema?.enum ? x.schema.enum.join(', ') : (x.schema?.type ?? '')}</td></tr>
                ))}
              </tbody>
            </table>
          ) : ''}
        </section>
      ))}
      <h2 safe>{ko ? '예시' : 'Example'}</h2>
      <pre class="code"><code safe>{'curl "/api/v1/services?q=%EA%B3%A0%EB%8F%85%EC%82%AC&pageSize=5"'}</code></pre>
    </Layout>
  );
}
