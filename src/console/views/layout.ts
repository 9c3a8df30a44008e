// Pure: the console's page frame: skip link, header with the signed-in principal and sign-out, main.
import type { Principal } from '../../common/principal';
import { html, type Markup, type Value } from './html';

export const CONSOLE = '/console';

export interface PageContext {
  principal: Principal;
  csrfToken: string;
  /** The path of the page, to mark the current menu entry. */
  path: string;
}

const KINDS: Record<string, string> = { admin: 'Quản trị', official: 'Cán bộ', integration: 'Tích hợp' };

/** The hidden field every console form carries against cross-site requests. */
export const csrfField = (token: string) => html`<input type="hidden" name="csrf" value="${token}">`;

function head(title: string): Markup {
  return html`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Giám sát giải quyết hồ sơ</title>
<link rel="stylesheet" href="${CONSOLE}/static/console.css">
<script src="${CONSOLE}/static/console.js" defer></script>
</head>`;
}

export function page(title: string, ctx: PageContext, body: Value): string {
  const menu: [string, string][] = [
    [`${CONSOLE}/overview`, 'Tổng quan'],
    [`${CONSOLE}/alerts?kind=overdue`, 'Hồ sơ quá hạn'],
    [`${CONSOLE}/alerts?kind=near-due`, 'Hồ sơ sắp đến hạn'],
  ];
  const who = ctx.principal.official ? `${ctx.principal.name} · ${ctx.principal.official.unitCode}` : ctx.principal.name;
  return html`${head(title)}
<body>
<a class="skip" href="#main">Bỏ qua, đến nội dung chính</a>
<header class="top">
  <a class="brand" href="${CONSOLE}/overview">Giám sát giải quyết hồ sơ</a>
  <nav aria-label="Chức năng">
    ${menu.map(([href, label]) => html`<a href="${href}"${ctx.path === href.split('?')[0] && !href.includes('?') ? html` aria-current="page"` : ''}>${label}</a>`)}
  </nav>
  <div class="who"><span>${who} (${KINDS[ctx.principal.kind] ?? ctx.principal.kind})</span>
    <form method="post" action="${CONSOLE}/sign-out">${csrfField(ctx.csrfToken)}<button type="submit" class="link">Đăng xuất</button></form>
  </div>
</header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.text;
}

/** A page without a session: sign-in and refusals before sign-in. */
export function barePage(title: string, body: Value): string {
  return html`${head(title)}
<body class="bare">
<main id="main">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.text;
}

/** A refusal as the API words it: the Vietnamese title, the API's message and its code. */
export function refusalBox(r: { title: string; message: string; code: string }): Markup {
  return html`<div class="refusal" role="alert"><strong>${r.title}</strong><p>${r.message}</p><p class="code">Mã lỗi: <code>${r.code}</code></p></div>`;
}

export function notice(text: string): Markup {
  return html`<div class="notice" role="status">${text}</div>`;
}
