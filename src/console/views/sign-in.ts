// Pure: the sign-in page: an official's or an admin's API token, posted once, never kept by the browser.
import { html, type Markup } from './html';
import { barePage, CONSOLE } from './layout';
import { type Lang, translator } from './words';

/** What to do after a refused sign-in, in Vietnamese (in English the API's message says it). */
export const REFUSAL_HINTS: Record<string, string> = {
  AUTH_TOKEN_INVALID: 'Hãy kiểm tra lại mã đã nhập, hoặc đề nghị quản trị viên cấp mã mới.',
  AUTH_TOKEN_EXPIRED: 'Hãy đề nghị quản trị viên cấp mã mới.',
  AUTH_TOKEN_REVOKED: 'Hãy đề nghị quản trị viên cấp mã mới.',
  PRINCIPAL_KIND_FORBIDDEN: 'Hệ thống giám sát chỉ dành cho cán bộ và quản trị viên; mã của hệ thống tích hợp không đăng nhập được.',
};

export function signInPage(csrf: string, next: string, lang: Lang, refusal?: Markup): string {
  const t = translator(lang);
  return barePage(
    t('Đăng nhập hệ thống giám sát', 'Sign in to the supervision console'),
    lang,
    html`${refusal ?? ''}
<form method="post" action="${CONSOLE}/sign-in" class="card sign-in">
  <input type="hidden" name="csrf" value="${csrf}">
  <input type="hidden" name="next" value="${next}">
  <label for="token">${t('Mã truy cập (token) của cán bộ hoặc quản trị viên', 'Access token of an official or an admin')}</label>
  <input id="token" name="token" type="password" autocomplete="off" required minlength="16" maxlength="200" autofocus>
  <p class="hint">${t(
    'Mã do quản trị viên cấp bằng lệnh tokens issue. Trình duyệt không lưu mã này; phiên làm việc kết thúc sau 12 giờ hoặc khi đăng xuất.',
    'Issued by an admin with tokens issue. The browser does not keep it; the session ends after 12 hours or on sign-out.',
  )}</p>
  <button type="submit">${t('Đăng nhập', 'Sign in')}</button>
</form>`,
  );
}
