import { escapeHtml } from '@kitajs/html';
import { href, type Lang } from '../../platform/i18n/i18n.ts';

/** Addresses of the history pages and feeds, in one place for views, feeds and the detail page. */
export const versionHref = (publicId: string, versionNo: number, lang: Lang) => href(`/services/${publicId}/versions/${versionNo}`, lang);
export const diffHref = (publicId: string, from: number, to: number, lang: Lang, all = false) =>
  href(`/services/${publicId}/diff`, lang, { from, to, all: all ? 1 : undefined });
export const changesHref = (lang: Lang, body?: string) => href('/changes', lang, { body });

export const CHANGES_FEED = '/feeds/changes.atom';
export const bodyFeed = (code: string) => `/feeds/bodies/${code}.atom`;
export const serviceFeed = (publicId: string) => `/feeds/services/${publicId}.atom`;
export const feedHref = (path: string, lang: Lang) => href(path, lang);

/** `<link rel="alternate">` for a feed, for the Layout's `head` (attributes escaped here). */
export function feedLinkTag(path: string, title: string, lang: Lang): string {
  return `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(title)}" href="${escapeHtml(feedHref(path, lang))}" />`;
}
