// Pure: the console's page frame: skip link, header with the signed-in principal, the language
// toggle and sign-out, main.
import type { Principal } from '../../common/principal';
import { html, type Markup, type Value } from './html';
import { type Lang, type T, translator } from './words';

export const CONSOLE = '/console';

export interface PageContext {
  principal: Principal;
  csrfToken: string;
  /** The path and query of the page, to mark the current menu entry and come back after a language change. */
  url: string;
  lang: Lang;
}

/** The hidden field every console form carries against cross-site requests. */
export const csrfField = (token: string) => html`<input type="hidden" name="csrf" value="${token}">`;

function head(title: string, t: T, lang: Lang): Markup {
  return html`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('Giám sát giải quyết hồ sơ', 'Dossier supervision')}</title>
<link rel="icon" href="${CONSOLE}/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${CONSOLE}/static/console.css">
<script src="${CONSOLE}/static/console.js" defer></script>
</head>`;
}

/** The link to the other language, back to the same page. */
function languageLink(lang: Lang, url: string): Markup {
  const to: Lang = lang === 'en' ? 'vi' : 'en';
  const href = `${CONSOLE}/language?to=${to}&next=${encodeURIComponent(url)}`;
  return to === 'en' ? html`<a href="${href}" lang="en" hreflang="en">English</a>` : html`<a href="${href}" lang="vi" hreflang="vi">Tiếng Việt</a>`;
}

export function page(title: string, ctx: PageContext, body: Value): string {
  const t = translator(ctx.lang);
  const path = ctx.url.split('?')[0];
  const menu: [string, string][] = [
    [`${CONSOLE}/overview`, t('Tổng quan', 'Overview')],
    [`${CONSOLE}/alerts?kind=overdue`, t('Hồ sơ quá hạn', 'Overdue')],
    [`${CONSOLE}/alerts?kind=near-due`, t('Hồ sơ sắp đến hạn', 'Near due')],
    [`${CONSOLE}/procedures`, t('Thủ tục', 'Procedures')],
  ];
  const current = (href: string) => (href.includes('?') ? ctx.url.startsWith(href) : path === href || path.startsWith(`${href}/`));
  const kind = { admin: t('Quản trị', 'Admin'), official: t('Cán bộ', 'Official'), integration: t('Tích hợp', 'Integration') }[ctx.principal.kind];
  const who = ctx.principal.official ? `${ctx.principal.name} · ${ctx.principal.official.unitCode}` : ctx.principal.name;
  return html`${head(title, t, ctx.lang)}
<body>
<a class="skip" href="#main">${t('Bỏ qua, đến nội dung chính', 'Skip to the main content')}</a>
<header class="top">
  <a class="brand" href="${CONSOLE}/overview">${t('Giám sát giải quyết hồ sơ', 'Dossier supervision')}</a>
  <nav aria-label="${t('Chức năng', 'Sections')}">
    ${menu.map(([href, label]) => html`<a href="${href}"${current(href) ? html` aria-current="page"` : ''}>${label}</a>`)}
  </nav>
  <div class="who"><span>${who} (${kind})</span>${languageLink(ctx.lang, ctx.url)}
    <form method="post" action="${CONSOLE}/sign-out">${csrfField(ctx.csrfToken)}<button type="submit" class="link">${t('Đăng xuất', 'Sign out')}</button></form>
  </div>
</header>
<main id="main" tabindex="-1">
${pageEnd(title, body)}`.text;
}

/** What every page ends with: its heading, its body and the closing tags. */
function pageEnd(title: string, body: Value): Markup {
  return html`<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
}

/** A page without a session: sign-in and refusals before sign-in. */
export function barePage(title: string, lang: Lang, body: Value): string {
  const t = translator(lang);
  return html`${head(title, t, lang)}
<body class="bare">
<main id="main">
<p class="lang">${languageLink(lang, `${CONSOLE}/sign-in`)}</p>
${pageEnd(title, body)}`.text;
}

/** A refusal: its title and message in the reader's language, and the API's code. */
export function refusalBox(r: { title: string; message: string; code: string }, t: T): Markup {
  return html`<div class="refusal" role="alert"><strong>${r.title}</strong>${r.message ? html`<p>${r.message}</p>` : ''}<p class="code">${t('Mã lỗi', 'Code')}: <code>${r.code}</code></p></div>`;
}

export function notice(text: string): Markup {
  return html`<div class="notice" role="status">${text}</div>`;
}
