// Pure: the sign-in page: an official's or an admin's API token, posted once, never kept by the browser.
import { html, type Markup } from './html';
import { barePage, CONSOLE } from './layout';

export function signInPage(csrf: string, next: string, refusal?: Markup): string {
  return barePage(
    'Đăng nhập hệ thống giám sát',
    html`${refusal ?? ''}
<form method="post" action="${CONSOLE}/sign-in" class="card sign-in">
  <input type="hidden" name="csrf" value="${csrf}">
  <input type="hidden" name="next" value="${next}">
  <label for="token">Mã truy cập (token) của cán bộ hoặc quản trị viên</label>
  <input id="token" name="token" type="password" autocomplete="off" required minlength="16" maxlength="200" autofocus>
  <p class="hint">Mã do quản trị viên cấp bằng lệnh <code>tokens issue</code>. Trình duyệt không lưu mã này; phiên làm việc kết thúc sau 12 giờ hoặc khi đăng xuất.</p>
  <button type="submit">Đăng nhập</button>
</form>`,
  );
}
