import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { sendCached } from '../../platform/http/etag.ts';
import { registryTotals } from '../services/services.repository.ts';
import { sql } from 'kysely';

function origin(request: FastifyRequest): string {
  const host = /^[A-Za-z0-9.\-:[\]]+$/.test(request.host ?? '') ? request.host : 'localhost';
  return `${request.protocol}://${host}`;
}

const KOGL = 'https://www.kogl.or.kr/info/licenseType1.do';

/**
 * A DCAT catalogue (JSON-LD, DCAT-AP vocabulary) of the registry's open data, so data portals
 * (data.go.kr, European Data Portal style harvesters) can harvest it.
 */
export function catalogue(base: string, modified: string, services: number) {
  const dist = (id: string, title: string, url: string, mediaType: string, format: string) => ({
    '@id': `${base}${url}#distribution`, '@type': 'dcat:Distribution', 'dct:title': title, 'dcat:downloadURL': { '@id': `${base}${url}` },
    'dcat:accessURL': { '@id': `${base}${url}` }, 'dcat:mediaType': mediaType, 'dct:format': format, 'dct:license': { '@id': KOGL }, 'dct:identifier': id,
  });
  const publisher = { '@type': 'foaf:Agent', 'foaf:name': { '@language': 'ko', '@value': '경기도 AI국' } };
  return {
    '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', xsd: 'http://www.w3.org/2001/XMLSchema#', vcard: 'http://www.w3.org/2006/vcard/ns#' },
    '@id': `${base}/api/v1/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': [{ '@language': 'ko', '@value': '경기도 공공부문 AI 등록부' }, { '@language': 'en', '@value': 'Gyeonggi Public AI Registry' }],
    'dct:description': [{ '@language': 'ko', '@value': '경기도·시군·공공기관이 운영하는 인공지능 서비스의 공개 정보' }, { '@language': 'en', '@value': 'Disclosures of the AI services run by Gyeonggi Province, its cities and counties and public institutions' }],
    'dct:publisher': publisher,
    'dct:language': [{ '@id': 'http://publications.europa.eu/resource/authority/language/KOR' }, { '@id': 'http://publications.europa.eu/resource/authority/language/ENG' }],
    'dct:license': { '@id': KOGL },
    'dct:modified': { '@type': 'xsd:dateTime', '@value': modified },
    'foaf:homepage': { '@id': `${base}/` },
    'dcat:dataset': [
      {
        '@id': `${base}/data#services`, '@type': 'dcat:Dataset',
        'dct:identifier': 'gg-ai-registry-services',
        'dct:title': [{ '@language': 'ko', '@value': '공공부문 AI 서비스 목록 (현재 공개본)' }, { '@language': 'en', '@value': 'Public-sector AI services (current versions)' }],
        'dct:description': { '@language': 'ko', '@value': `공개된 AI 서비스 ${services}건의 도입 목적, 활용 분야, 사용 데이터와 출처, 개인정보 여부 및 근거, 도입 효과·성과, 윤리적 고려사항, 인공지능기본법 분류. 모든 행에 등록번호와 기관코드가 있습니다.` },
        'dcat:keyword': ['인공지능', 'AI', '알고리즘 등록부', 'algorithm register', '경기도'],
        'dcat:theme': { '@id': 'http://publications.europa.eu/resource/authority/data-theme/GOVE' },
        'dct:publisher': publisher, 'dct:license': { '@id': KOGL }, 'dct:modified': { '@type': 'xsd:dateTime', '@value': modified },
        'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': '경기도 AI국' },
        'dcat:landingPage': { '@id': `${base}/services` },
        'dcat:distribution': [
          dist('services-csv', 'CSV (UTF-8, BOM)', '/api/v1/export.csv', 'text/csv', 'CSV'),
          dist('services-xlsx', 'Excel', '/api/v1/export.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX'),
          dist('services-json', 'JSON', '/api/v1/export.json', 'application/json', 'JSON'),
          { ...dist('services-api', 'Open data API (OpenAPI 3)', '/api/v1/services', 'application/json', 'JSON'), 'dcat:accessService': { '@type': 'dcat:DataService', 'dcat:endpointURL': { '@id': `${base}/api/v1/` }, 'dcat:endpointDescription': { '@id': `${base}/api/v1/openapi.json` } } },
        ],
      },
      {
        '@id': `${base}/changes#history`, '@type': 'dcat:Dataset',
        'dct:identifier': 'gg-ai-registry-history',
        'dct:title': [{ '@language': 'ko', '@value': 'AI 서비스 변경 이력 (모든 공개 버전)' }, { '@language': 'en', '@value': 'Change history of AI services (every published version)' }],
        'dct:publisher': publisher, 'dct:license': { '@id': KOGL }, 'dct:modified': { '@type': 'xsd:dateTime', '@value': modified },
        'dcat:landingPage': { '@id': `${base}/changes` },
        'dcat:distribution': [
          dist('history-csv', 'CSV (UTF-8, BOM)', '/api/v1/history.csv', 'text/csv', 'CSV'),
          dist('history-json', 'JSON', '/api/v1/history.json', 'application/json', 'JSON'),
          dist('changes-atom', 'Atom feed', '/feeds/changes.atom', 'application/atom+xml', 'ATOM'),
        ],
      },
      {
        '@id': `${base}/bodies#bodies`, '@type': 'dcat:Dataset',
        'dct:identifier': 'gg-ai-registry-bodies',
        'dct:title': [{ '@language': 'ko', '@value': '등록 기관 목록과 기관코드' }, { '@language': 'en', '@value': 'Registering bodies and their codes' }],
        'dct:publisher': publisher, 'dct:license': { '@id': KOGL },
        'dcat:distribution': [dist('bodies-json', 'JSON', '/api/v1/bodies', 'application/json', 'JSON')],
      },
    ],
  };
}

export async function catalogRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  app.get('/api/v1/catalog.jsonld', async (request, reply) => {
    const [totals, last] = await Promise.all([
      registryTotals(opts.db),
      sql<{ at: Date | null }>`select max(published_at) as at from service_versions`.execute(opts.db),
    ]);
    const modified = (last.rows[0]?.at ? new Date(last.rows[0].at) : new Date(0)).toISOString();
    return sendCached(request, reply, JSON.stringify(catalogue(origin(request), modified, totals.services)), 'application/ld+json; charset=utf-8');
  });
}
