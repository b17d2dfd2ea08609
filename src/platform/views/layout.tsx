import type { Children } from '@kitajs/html';
import { href, t, type Lang } from '../i18n/i18n.ts';

export interface PageProps {
  lang: Lang;
  title: string;
  path: string; // current path, for the language switch and the active menu item
  query?: Record<string, string | number | undefined>;
  description?: string;
  children?: Children;
  head?: string; // extra, already-safe markup (JSON-LD)
}

const NAV: { path: string; key: 'navHome' | 'navServices' | 'navBodies' | 'navStats' | 'navData' }[] = [
  { path: '/', key: 'navHome' },
  { path: '/services', key: 'navServices' },
  { path: '/bodies', key: 'navBodies' },
  { path: '/statistics', key: 'navStats' },
  { path: '/data', key: 'navData' },
];

export function Layout(p: PageProps): JSX.Element {
  const other: Lang = p.lang === 'ko' ? 'en' : 'ko';
  const switchHref = href(p.path, other, { ...(p.query ?? {}), lang: undefined });
  const finalSwitch = other === 'ko' ? (switchHref.includes('?') ? switchHref + '&lang=ko' : switchHref + '?lang=ko') : switchHref;
  return (
    <>
      {'<!doctype html>'}
      <html lang={p.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{`${p.title} | ${t('siteName', p.lang)}`}</title>
          {p.description ? <meta name="description" content={p.description} /> : ''}
          <link rel="stylesheet" href="/krds/css/common/common.css" />
          <link rel="stylesheet" href="/krds/css/component/component.css" />
          <link rel="stylesheet" href="/assets/app.css" />
          <link rel="alternate" type="application/json" href="/api/v1/services" title="Open data API" />
          <link rel="alternate" type="application/ld+json" href="/api/v1/catalog.jsonld" title="DCAT catalogue" />
          {(p.head ?? '') as 'safe'}
        </head>
        <body>
          <div id="krds-skip-link">
            <a href="#main" safe>{t('skip', p.lang)}</a>
          </div>
          <header class="site-header">
            <div class="wrap">
              <a class="site-title" href={href('/', p.lang)} safe>
                {t('siteName', p.lang)}
              </a>
              <nav class="site-nav" aria-label={p.lang === 'ko' ? '주 메뉴' : 'Main menu'}>
                <ul>
                  {NAV.map((n) => (
                    <li>
                      <a href={href(n.path, p.lang)} aria-current={isCurrent(p.path, n.path) ? 'page' : undefined} safe>
                        {t(n.key, p.lang)}
                      </a>
                    </li>
                  ))}
                  <li>
                    <a href={finalSwitch} lang={other} hreflang={other} class="lang-switch" safe>
                      {t('langSwitch', p.lang)}
                    </a>
                  </li>
                </ul>
              </nav>
            </div>
          </header>
          <main id="main" tabindex="-1">
            <div class="wrap">{p.children as 'safe'}</div>
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <p safe>{t('footer', p.lang)}</p>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}

function isCurrent(current: string, item: string) {
  return item === '/' ? current === '/' : current === item || current.startsWith(item + '/');
}

export function ErrorPage(p: { lang: Lang; status: number; message: string }): JSX.Element {
  return (
    <Layout lang={p.lang} title={String(p.status)} path="/">
      <h1 safe>{p.status === 404 ? (p.lang === 'ko' ? '페이지를 찾을 수 없습니다' : 'Page not found') : p.lang === 'ko' ? '요청을 처리할 수 없습니다' : 'The request could not be handled'}</h1>
      <p safe>{p.message}</p>
      <p>
        <a href={href('/', p.lang)} safe>{t('navHome', p.lang)}</a>
      </p>
    </Layout>
  );
}
