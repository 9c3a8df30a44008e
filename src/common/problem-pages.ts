// Pure: the short pages behind the `type` of every problem (`/problems/<code>`), in both languages.
import { ERROR_AREAS, ERRORS, type ErrorCode } from './error-codes';
import { PROBLEM_PAGES, problemTypeOf } from './problem-details';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>
<body>
${body}
</body>
</html>
`;
}

/** What one code means: its status and its title in English and Vietnamese. */
export function problemPage(code: ErrorCode): string {
  const entry = ERRORS[code];
  return page(
    `${code} (${entry.status})`,
    `<h1><code>${code}</code></h1>
<p>HTTP ${entry.status}</p>
<section lang="vi"><h2>Tiếng Việt</h2><p>${escape(entry.vi)}</p></section>
<section lang="en"><h2>English</h2><p>${escape(entry.en)}</p></section>
<p>Refusals carry this code in <code>code</code>, this page in <code>type</code>, the request id in <code>instance</code> /
Mọi phản hồi từ chối mang mã này trong <code>code</code>, trang này trong <code>type</code>, mã yêu cầu trong <code>instance</code>.</p>
<p><a href="${PROBLEM_PAGES}">Every code / Tất cả các mã</a></p>`,
  );
}

/** Every code, area by area. */
export function problemIndexPage(): string {
  const sections = Object.entries(ERROR_AREAS).map(([area, codes]) => {
    const rows = Object.entries(codes).map(
      ([code, e]) =>
        `<tr><td><a href="${problemTypeOf(code as ErrorCode)}"><code>${code}</code></a></td><td>${e.status}</td><td lang="vi">${escape(e.vi)}</td><td lang="en">${escape(e.en)}</td></tr>`,
    );
    return `<h2>${area}</h2>\n<table>\n<tr><th>code</th><th>HTTP</th><th>Tiếng Việt</th><th>English</th></tr>\n${rows.join('\n')}\n</table>`;
  });
  return page('dvc-workflow: error codes / mã lỗi', `<h1>Error codes / Mã lỗi</h1>\n${sections.join('\n')}`);
}

/** The same list as a Markdown table, for docs/api.md (a unit test keeps the two equal). */
export function errorTableMarkdown(): string {
  const rows = Object.entries(ERROR_AREAS).flatMap(([area, codes]) =>
    Object.entries(codes).map(([code, e]) => `| ${area} | \`${code}\` | ${e.status} | ${e.en} | ${e.vi} |`),
  );
  return ['| area | code | status | English | Tiếng Việt |', '|---|---|---|---|---|', ...rows].join('\n');
}
