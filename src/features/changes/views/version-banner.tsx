import { href, type Lang } from '../../../platform/i18n/i18n.ts';
import { diffHref } from '../links.ts';

export interface VersionBannerProps {
  lang: Lang;
  publicId: string;
  versionNo: number;
  currentVersionNo: number;
  publishedAt: Date;
  changeReason: string | null;
}

/** The notice on a version page: which version this is, and the way to the current one. */
export function VersionBanner(p: VersionBannerProps): JSX.Element {
  const ko = p.lang === 'ko';
  const older = p.versionNo !== p.currentVersionNo;
  const date = p.publishedAt.toISOString().slice(0, 10);
  return (
    <section class="notice" aria-labelledby="version-banner-title">
      <p id="version-banner-title" style="margin:0 0 4px;font-weight:700" safe>
        {older ? (ko ? `이전 버전 (v${p.versionNo})을 보고 있습니다` : `You are viewing an earlier version (v${p.versionNo})`) : ko ? `현재 공개 중인 버전 (v${p.versionNo})입니다` : `This is the current version (v${p.versionNo})`}
      </p>
      <p style="margin:0" safe>
        {older
          ? ko
            ? `이 화면은 ${date}에 공개된 버전 ${p.versionNo}의 내용으로, 지금은 효력이 없습니다. 현재 공개된 버전은 v${p.currentVersionNo}입니다.`
            : `This page shows version ${p.versionNo} as published on ${date}. It has been replaced; the current version is v${p.currentVersionNo}.`
          : ko
            ? `${date}에 공개된 버전입니다.`
            : `Published on ${date}.`}
      </p>
      {p.versionNo > 1 && p.changeReason ? <p style="margin:0" safe>{`${ko ? '이 버전의 변경 사유' : 'Reason for this version'}: ${p.changeReason}`}</p> : ''}
      <p style="margin:4px 0 0" class="no-print">
        <a href={href(`/services/${p.publicId}`, p.lang)} safe>{ko ? '현재 버전 보기' : 'See the current version'}</a>
        {older ? (
          <>
            {' · '}
            <a href={diffHref(p.publicId, p.versionNo, p.currentVersionNo, p.lang)} safe>{ko ? '이 버전과 현재 버전 비교' : 'Compare with the current version'}</a>
          </>
        ) : ''}
        {p.versionNo > 1 ? (
          <>
            {' · '}
            <a href={diffHref(p.publicId, p.versionNo - 1, p.versionNo, p.lang)} safe>{ko ? '직전 버전과 비교' : 'Compare with the version before'}</a>
          </>
        ) : ''}
      </p>
    </section>
  );
}
