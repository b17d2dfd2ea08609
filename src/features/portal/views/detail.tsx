import type { Children } from '@kitajs/html';
import { href, t, type Lang } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Classification } from '../../disclosure/classification.ts';
import { AI_ACT_DOMAINS, AI_ACT_EFFECTS, DATASET_KINDS, ETHICS_LEVELS, ETHICS_REQUIREMENTS, FIELDS, LEGAL_BASES, STATUSES, TECH_TYPES } from '../../disclosure/codes.ts';
import { LABELS, PIA, code, pick, yesNo } from '../../disclosure/disclosure.fields.ts';
import type { Disclosure } from '../../disclosure/disclosure.schema.ts';
import type { ServiceRecord } from '../../services/services.repository.ts';
import { Badges, OutcomeChart } from './components.tsx';
import { PublicQuestions, type PublicQuestionItem } from '../../questions/views/public-questions.tsx';
import { diffHref, feedHref, feedLinkTag, serviceFeed, versionHref } from '../../changes/links.ts';

export interface DetailProps {
  lang: Lang;
  record: ServiceRecord;
  disclosure: Disclosure;
  classification: Classification;
  versions: { versionNo: number; changeReason: string | null; publishedAt: Date }[];
  jsonLd: string;
  /** Answered public questions (only on the current public page; never the sender's name or email). */
  questions?: PublicQuestionItem[];
  /** An older version: a notice above the title, and the page's own path (for the language switch). */
  banner?: JSX.Element;
  path?: string;
}

function Item(p: { lang: Lang; path: string; children?: Children }): JSX.Element {
  const label = LABELS[p.path];
  return (
    <>
      <dt safe>{label[p.lang]}</dt>
      <dd>{p.children as 'safe'}</dd>
    </>
  );
}

const Text = (p: { value: string | undefined; lang: Lang }) => <span safe>{p.value || (p.lang === 'ko' ? '공개 정보 없음' : 'Not disclosed')}</span>;

export function ServiceDetail(p: DetailProps): JSX.Element {
  const { lang, record: r, disclosure: d, classification: c } = p;
  const ko = lang === 'ko';
  const name = pick(d.name, lang);
  const date = (x: Date) => x.toISOString().slice(0, 10);
  const outcomes = d.outcomes.filter((o) => o.values.length > 0);
  return (
    <Layout lang={lang} title={name} path={p.path ?? `/services/${r.publicId}`} description={pick(d.summary, lang)} head={p.jsonLd + feedLinkTag(serviceFeed(r.publicId), ko ? `${name}: 변경 이력` : `${name}: version history`, lang)}>
      <nav class="krds-breadcrumb-wrap" aria-label={ko ? '현재 경로' : 'Breadcrumb'}>
        <ol class="breadcrumb">
          <li class="home"><a href={href('/', lang)} class="txt" safe>{t('navHome', lang)}</a></li>
          <li><a href={href('/services', lang)} class="txt" safe>{t('navServices', lang)}</a></li>
        </ol>
      </nav>
      {(p.banner ?? '') as 'safe'}
      <h1 safe>{name}</h1>
      <Badges lang={lang} isExample={r.isExample} highImpact={c.highImpact} generative={c.generative} personal={d.personalInfo.processesPersonal} statusLabel={STATUSES[d.status][lang]} />
      {r.isExample ? <p class="notice" safe>{t('exampleNote', lang)}</p> : ''}
      <p class="lead" safe>{pick(d.summary, lang)}</p>
      <p class="meta" safe>
        {`${ko ? '등록번호' : 'Registry ID'} ${r.publicId} · ${ko ? '버전' : 'Version'} ${r.versionNo} · ${ko ? '공개일' : 'Published'} ${date(r.publishedAt)} · ${ko ? '최초 등록' : 'First registered'} ${date(new Date(r.firstPublishedAt))}`}
      </p>
      <p class="meta no-print">
        <a href={href(`/bodies/${r.bodyCode}`, lang)} safe>{ko ? r.bodyNameKo : r.bodyNameEn || r.bodyNameKo}</a>
        {' · '}
        <a href={`/api/v1/services/${r.publicId}`} safe>{ko ? 'JSON으로 보기' : 'As JSON'}</a>
      </p>

      <h2 id="overview" safe>{ko ? '개요' : 'Overview'}</h2>
      <dl class="items">
        <Item lang={lang} path="field"><Text lang={lang} value={code(FIELDS, d.field, lang)} /></Item>
        <Item lang={lang} path="technologyTypes"><Text lang={lang} value={d.technologyTypes.map((x) => code(TECH_TYPES, x, lang)).join(', ')} /></Item>
        <Item lang={lang} path="status"><Text lang={lang} value={code(STATUSES, d.status, lang)} /></Item>
        <Item lang={lang} path="startDate"><Text lang={lang} value={d.startDate} /></Item>
        {d.endDate ? <Item lang={lang} path="endDate"><Text lang={lang} value={d.endDate} /></Item> : ''}
        <Item lang={lang} path="department"><Text lang={lang} value={d.department} /></Item>
        <Item lang={lang} path="functions"><Text lang={lang} value={pick(d.functions, lang)} /></Item>
        <Item lang={lang} path="algorithm"><Text lang={lang} value={pick(d.algorithm, lang)} /></Item>
        <Item lang={lang} path="vendor"><Text lang={lang} value={d.vendor} /></Item>
        <Item lang={lang} path="model"><Text lang={lang} value={d.model} /></Item>
      </dl>

      <h2 id="purpose" safe>{`1. ${LABELS.purpose[lang]}`}</h2>
      <p safe>{pick(d.purpose, lang)}</p>

      <h2 id="field" safe>{`2. ${LABELS.field[lang]}`}</h2>
      <p safe>{code(FIELDS, d.field, lang)}</p>

      <h2 id="data" safe>{`3. ${LABELS.data[lang]}`}</h2>
      <p safe>{pick(d.data.description, lang)}</p>
      {d.data.datasets.length > 0 ? (
        <table class="simple">
          <caption safe>{LABELS['data.datasets'][lang]}</caption>
          <thead><tr>{(ko ? ['데이터', '출처 기관', '종류', '개인정보'] : ['Dataset', 'Source', 'Kind', 'Personal data']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
          <tbody>
            {d.data.datasets.map((s) => (
              <tr><td safe>{s.name}</td><td safe>{s.sourceBody ?? ''}</td><td safe>{code(DATASET_KINDS, s.kind, lang)}</td><td safe>{yesNo(s.personal, lang)}</td></tr>
            ))}
          </tbody>
        </table>
      ) : ''}

      <h2 id="personal" safe>{`4. ${LABELS.personalInfo[lang]}`}</h2>
      <dl class="items">
        <Item lang={lang} path="personalInfo.processesPersonal"><Text lang={lang} value={yesNo(d.personalInfo.processesPersonal, lang)} /></Item>
        <Item lang={lang} path="personalInfo.sensitive"><Text lang={lang} value={yesNo(d.personalInfo.sensitive, lang)} /></Item>
        <Item lang={lang} path="personalInfo.uniqueIdentifier"><Text lang={lang} value={yesNo(d.personalInfo.uniqueIdentifier, lang)} /></Item>
        <Item lang={lang} path="personalInfo.legalBasis">
          {d.personalInfo.legalBasis.length ? <ul>{d.personalInfo.legalBasis.map((b) => <li safe>{code(LEGAL_BASES, b, lang)}</li>)}</ul> : <Text lang={lang} value={undefined} />}
        </Item>
        {d.personalInfo.legalBasisNote ? <Item lang={lang} path="personalInfo.legalBasisNote"><Text lang={lang} value={d.personalInfo.legalBasisNote} /></Item> : ''}
        <Item lang={lang} path="personalInfo.automatedDecision"><Text lang={lang} value={yesNo(d.personalInfo.automatedDecision, lang)} /></Item>
        <Item lang={lang} path="personalInfo.privacyImpactAssessment"><Text lang={lang} value={code(PIA, d.personalInfo.privacyImpactAssessment, lang)} /></Item>
      </dl>

      <h2 id="effects" safe>{`5. ${LABELS.effects[lang]}`}</h2>
      <p safe>{pick(d.effects, lang)}</p>
      {outcomes.length ? <h3 safe>{LABELS.outcomes[lang]}</h3> : ''}
      {outcomes.map((o) => <OutcomeChart lang={lang} name={pick(o.name, lang)} unit={o.unit ?? null} values={o.values} />)}

      <h2 id="ethics" safe>{`6. ${LABELS.ethics[lang]}`}</h2>
      <p safe>{pick(d.ethics.summary, lang)}</p>
      <table class="simple">
        <caption safe>{ko ? '국가 인공지능 윤리기준 10대 요건' : 'The 10 requirements of the national AI ethics standard'}</caption>
        <thead><tr>{(ko ? ['요건', '수준', '충족 방법'] : ['Requirement', 'Level', 'How it is met']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {Object.entries(ETHICS_REQUIREMENTS).map(([k, l]) => {
            const e = d.ethics.requirements[k as keyof typeof ETHICS_REQUIREMENTS];
            return (
              <tr><th scope="row" safe>{l[lang]}</th><td safe>{e ? code(ETHICS_LEVELS, e.level, lang) : ko ? '미기재' : 'Not stated'}</td><td safe>{e?.how ?? ''}</td></tr>
            );
          })}
        </tbody>
      </table>

      <h2 id="ai-act" safe>{LABELS.aiAct[lang]}</h2>
      <p>
        <strong safe>{c.highImpact ? (ko ? '고영향 인공지능에 해당합니다.' : 'This is high-impact AI.') : ko ? '고영향 인공지능에 해당하지 않습니다.' : 'This is not high-impact AI.'}</strong>{' '}
        <span safe>{ko ? '(세 요건을 모두 충족할 때 고영향으로 분류)' : '(high-impact only when all three conditions hold)'}</span>
      </p>
      <ul>{c.reasons.map((x) => <li safe>{x[lang]}</li>)}</ul>
      <dl class="items">
        <Item lang={lang} path="aiAct.domain"><Text lang={lang} value={code(AI_ACT_DOMAINS, d.aiAct.domain, lang)} /></Item>
        <Item lang={lang} path="aiAct.effect"><Text lang={lang} value={code(AI_ACT_EFFECTS, d.aiAct.effect, lang)} /></Item>
        <Item lang={lang} path="aiAct.humanInFinalDecision"><Text lang={lang} value={yesNo(d.aiAct.humanInFinalDecision, lang)} /></Item>
        <Item lang={lang} path="aiAct.interventionPoint"><Text lang={lang} value={d.aiAct.interventionPoint} /></Item>
        <Item lang={lang} path="aiAct.generative"><Text lang={lang} value={yesNo(d.aiAct.generative, lang)} /></Item>
        {d.aiAct.generative ? <Item lang={lang} path="aiAct.generativeLabelling"><Text lang={lang} value={d.aiAct.generativeLabelling} /></Item> : ''}
        <Item lang={lang} path="aiAct.measures"><Text lang={lang} value={d.aiAct.measures} /></Item>
      </dl>

      <h2 id="oversight" safe>{ko ? '사람의 관여와 이의 제기' : 'Human oversight and objections'}</h2>
      <dl class="items">
        <Item lang={lang} path="humanOversight"><Text lang={lang} value={pick(d.humanOversight, lang)} /></Item>
        <Item lang={lang} path="objection"><Text lang={lang} value={pick(d.objection, lang)} /></Item>
      </dl>

      <h2 id="budget" safe>{ko ? '예산과 연계 사업' : 'Budget and programme'}</h2>
      <dl class="items">
        <Item lang={lang} path="budget.amountKrw"><Text lang={lang} value={d.budget?.amountKrw !== undefined ? `${d.budget.amountKrw.toLocaleString('ko-KR')}${ko ? '원' : ' KRW'}` : undefined} /></Item>
        <Item lang={lang} path="programme"><Text lang={lang} value={d.programme} /></Item>
      </dl>

      <h2 id="contact" safe>{LABELS.contact[lang]}</h2>
      <dl class="items">
        <Item lang={lang} path="contact.department"><Text lang={lang} value={d.contact.department ?? (ko ? r.bodyNameKo : r.bodyNameEn || r.bodyNameKo)} /></Item>
        <Item lang={lang} path="contact.phone"><Text lang={lang} value={d.contact.phone} /></Item>
        <Item lang={lang} path="contact.email">{d.contact.email ? <a href={`mailto:${d.contact.email}`} safe>{d.contact.email}</a> : <Text lang={lang} value={undefined} />}</Item>
      </dl>

      {p.questions ? <PublicQuestions lang={lang} publicId={r.publicId} questions={p.questions} /> : ''}

      <h2 id="versions" safe>{ko ? '변경 이력' : 'Version history'}</h2>
      <table class="simple">
        <caption class="sr-only" safe>{ko ? '변경 이력' : 'Version history'}</caption>
        <thead><tr>{(ko ? ['버전', '공개일', '변경 사유', '비교'] : ['Version', 'Published', 'Reason for change', 'Compare']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {p.versions.map((v) => (
            <tr>
              <td>{v.versionNo === r.versionNo ? <strong aria-current="true" safe>{`v${v.versionNo}`}</strong> : <a href={versionHref(r.publicId, v.versionNo, lang)} safe>{`v${v.versionNo}`}</a>}</td>
              <td safe>{date(v.publishedAt)}</td>
              <td safe>{v.changeReason ?? (v.versionNo === 1 ? (ko ? '최초 등록' : 'First registration') : '')}</td>
              <td>{v.versionNo > 1 ? <a href={diffHref(r.publicId, v.versionNo - 1, v.versionNo, lang)} safe>{ko ? `v${v.versionNo - 1} → v${v.versionNo} 비교` : `Compare v${v.versionNo - 1} → v${v.versionNo}`}</a> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="meta no-print">
        <a href={feedHref(serviceFeed(r.publicId), lang)} type="application/atom+xml" safe>{ko ? '이 서비스의 변경 알림 구독 (Atom 피드)' : 'Follow changes to this service (Atom feed)'}</a>
      </p>
    </Layout>
  );
}
