import type { ComponentChildren } from 'preact';
import { isAdmin, isSignedIn } from '../actor.ts';
import type { ViewContext } from '../http/context.ts';

export type Crumb = { href: string; label: string };

/** The frame of every page: skip link, header with navigation and language switch, main content, footer. */
export function Layout(props: { ctx: ViewContext; title: string; crumbs?: Crumb[]; refreshSeconds?: number; children: ComponentChildren }) {
  const { ctx } = props;
  const t = ctx.t;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* A page that waits for something (a download's turn) asks again by itself, with no script. */}
        {props.refreshSeconds ? <meta http-equiv="refresh" content={String(props.refreshSeconds)} /> : null}
        <title>{`${props.title} · ${t.siteName}`}</title>
        <link rel="stylesheet" href="/assets/style.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              {t.siteName}
            </a>
            {/* A phone shows only the brand and a "Menu" link; following it (#site-menu) shows the navigation through
                CSS :target, with no script, so each page's content starts in the first screen. One copy of the
                navigation and the language switch serves both widths. */}
            <a class="menu-toggle" href="#site-menu">
              {t.nav.menu}
            </a>
            <div class="header-menu" id="site-menu">
              <HeaderMenu ctx={ctx} />
              <a class="menu-close" href="#main">
                {t.nav.closeMenu}
              </a>
            </div>
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {props.crumbs?.length ? (
            <nav aria-label={t.breadcrumb} class="crumbs">
              <ol>
                {props.crumbs.map((c) => (
                  <li>
                    <a href={c.href}>{c.label}</a>
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          {ctx.flash ? (
            <p class="flash" role="status">
              {ctx.flash}
            </p>
          ) : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <span>{t.tagline}</span> · <a href="/api/reference">{t.common.apiDocs}</a>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The site's navigation, language switch and account links: in the header row, or the phone's menu. */
function HeaderMenu(props: { ctx: ViewContext }) {
  const { ctx } = props;
  const switchId = 'locale-switch';
  const t = ctx.t;
  return (
    <>
      <nav aria-label={t.nav.main}>
        <ul class="nav">
          {isSignedIn(ctx.actor) ? (
            <li>
              <a href="/my-work" aria-current={ctx.path.split('?')[0] === '/my-work' ? 'page' : undefined}>
                {t.nav.myWork}
              </a>
            </li>
          ) : null}
          <li>
            <a href="/activities">{t.nav.activities}</a>
          </li>
          <li>
            <a href="/organizations">{t.nav.organizations}</a>
          </li>
          {isSignedIn(ctx.actor) ? (
            <li>
              <a href="/people">{t.nav.people}</a>
            </li>
          ) : null}
          {isAdmin(ctx.actor) ? (
            <li>
              <a href="/admin">{t.nav.admin}</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <div class="header-tools">
        <form method="post" action="/locale" class="inline-form">
          {isSignedIn(ctx.actor) ? <input type="hidden" name="_csrf" value={ctx.csrfToken} /> : null}
          <input type="hidden" name="return" value={ctx.path} />
          <label for={switchId} class="visually-hidden">
            {t.nav.language}
          </label>
          <select id={switchId} name="locale">
            <option value="en" selected={ctx.locale === 'en'}>
              English
            </option>
            <option value="fr" selected={ctx.locale === 'fr'}>
              Français
            </option>
          </select>
          <button type="submit" class="button-small">
            {t.nav.change}
          </button>
        </form>
        {isSignedIn(ctx.actor) ? (
            <>
            <a href="/account" title={t.nav.signedInAs(ctx.actor.name)}>
              {t.nav.account}
            </a>
            <form method="post" action="/sign-out" class="inline-form">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <button type="submit" class="link-button">
                {t.nav.signOut}
              </button>
            </form>
            </>
          ) : (
            <a href={`/sign-in?next=${encodeURIComponent(ctx.path)}`}>{t.nav.signIn}</a>
          )}
        </div>
    </>
  );
}
