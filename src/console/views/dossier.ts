// Pure: one dossier for a supervisor: its facts, the actions the signed-in official may take now
// (each behind a confirmation), the steps as a timeline, apology letters, printable forms and the
// hash-chained history with the server's verdict on the chain.
import type { ApologyView } from '../../deadlines/apology-letter';
import type { StepRecord } from '../../documents/step-records';
import type { DossierView } from '../../dossiers/dossier-view';
import { html, type Markup } from './html';
import { CONSOLE, csrfField } from './layout';
import { ACTIONS, EVENTS, RESULTS, shortDate, shortDateTime, STATUSES, STEPS, vnNumber, word } from './words';

export interface HistoryRow {
  seq: number;
  type: string;
  action: string | null;
  toState: string;
  actor: { kind: string; unitCode: string | null };
  comment: string | null;
  reason: string | null;
  at: string;
  hash: string;
}

export interface DossierModel {
  view: DossierView;
  procedureName: string;
  steps: StepRecord[];
  /** Office time of one working day, to show a step's time in working days. */
  workingDayMs: number;
  /** Office time of the running step so far. */
  runningMs: number | null;
  history: HistoryRow[];
  /** null when every hash links; else the first event that does not. */
  chainBrokenAt: number | null;
  apologies: ApologyView[];
  documents: { id: string; form: string; title: string; issuedAt: string }[];
  rejectGrounds: { key: string; label: string }[];
  csrf: string;
  now: Date;
  message?: Markup;
}

const ACTOR_KINDS: Record<string, string> = { integration: 'Cổng Dịch vụ công quốc gia', admin: 'Quản trị', public: 'Công dân, doanh nghiệp', system: 'Hệ thống' };

const days = (ms: number | null, day: number) => (ms === null ? '—' : `${vnNumber(ms / day, 1)} ngày làm việc`);

function actionForm(m: DossierModel, action: string): Markup {
  const id = m.view.id;
  const field = (name: string, label: string, input: Markup) => html`<div class="field"><label for="${action}-${name}">${label}</label>${input}</div>`;
  const textarea = (name: string, label: string, required: boolean) =>
    field(name, label, html`<textarea id="${action}-${name}" name="${name}" rows="2" maxlength="4000"${required ? html` required` : ''}></textarea>`);
  const extra =
    action === 'reject'
      ? html`${field('ground', 'Căn cứ từ chối', html`<select id="reject-ground" name="ground" required><option value="">— chọn —</option>${m.rejectGrounds.map((g) => html`<option value="${g.key}">${g.label}</option>`)}</select>`)}${textarea('reason', 'Lý do', true)}`
      : action === 'request-supplement'
        ? html`${textarea('reason', 'Nội dung cần bổ sung', true)}${field('channel', 'Hình thức nộp bổ sung', html`<select id="request-supplement-channel" name="channel"><option value="online">Trực tuyến</option><option value="paper">Bản giấy</option></select>`)}`
        : action === 'disburse'
          ? html`${field('contractNumber', 'Số hợp đồng vay', html`<input id="disburse-contractNumber" name="contractNumber" required maxlength="60">`)}${field('amount', 'Số tiền giải ngân (đồng)', html`<input id="disburse-amount" name="amount" type="number" min="1" required>`)}${textarea('comment', 'Ý kiến', false)}`
          : textarea('comment', 'Ý kiến', false);
  return html`<form method="post" action="${CONSOLE}/dossiers/${id}/actions" class="card action" data-confirm="${word(ACTIONS, action)} hồ sơ ${m.view.portalCode}?">
    ${csrfField(m.csrf)}<input type="hidden" name="action" value="${action}"><input type="hidden" name="expectedVersion" value="${m.view.version}">
    <h3>${word(ACTIONS, action)}</h3>${extra}<button type="submit">${word(ACTIONS, action)}</button>
  </form>`;
}

function timeline(m: DossierModel): Markup {
  const items = m.steps.map((s) => {
    // A step still running past its limit is late already.
    const result = s.result === 'running' && s.dueAt !== null && s.dueAt < m.now ? 'late' : s.result;
    const label = result === s.result ? RESULTS[s.result] : 'Đang xử lý, đã quá hạn';
    const spent = s.endedAt ? days(s.workedMs, m.workingDayMs) : `${days(m.runningMs, m.workingDayMs)} (đang xử lý)`;
    return html`<li class="step r-${result}">
      <h3>${word(STEPS, s.step)} <span class="badge r-${result}">${label}</span></h3>
      <dl>
        <dt>Đơn vị</dt><dd>${s.unitName}</dd>
        <dt>Nhận hồ sơ</dt><dd>${shortDateTime(s.startedAt)}</dd>
        <dt>Hạn của bước</dt><dd>${shortDateTime(s.dueAt)}</dd>
        <dt>Kết thúc</dt><dd>${s.endedAt ? html`${shortDateTime(s.endedAt)} · ${word(ACTIONS, s.endAction)}` : '—'}</dd>
        <dt>Người xử lý</dt><dd>${s.officialName ?? '—'}</dd>
        <dt>Thời gian xử lý</dt><dd>${spent}</dd>
        ${s.pauses.length ? html`<dt>Tạm dừng chờ bổ sung</dt><dd>${s.pauses.map((p) => html`<span class="pause">${shortDateTime(p.from)} → ${p.to ? shortDateTime(p.to) : 'chưa bổ sung'}</span> `)}</dd>` : ''}
      </dl>
    </li>`;
  });
  return html`<ol class="timeline">${items}</ol>`;
}

export function dossierBody(m: DossierModel): Markup {
  const v = m.view;
  const step = v.currentStep;
  const chain =
    m.chainBrokenAt === null
      ? html`<p class="chain ok" data-chain="verified">✔ Chuỗi băm đã được kiểm tra: toàn vẹn (${m.history.length} sự kiện)</p>`
      : html`<p class="chain broken" data-chain="broken" role="alert">✘ Chuỗi băm bị đứt tại sự kiện số ${m.chainBrokenAt}</p>`;
  const docs = m.documents.map(
    (d) => html`<li><a href="${CONSOLE}/dossiers/${v.id}/documents/${d.id}">Mẫu số ${d.form}: ${d.title}</a> (${shortDate(d.issuedAt)}) · <a href="${CONSOLE}/dossiers/${v.id}/documents/${d.id}/pdf">PDF</a></li>`,
  );
  const apologies = m.apologies.map(
    (a) => html`<article class="card letter"><h3>Thư xin lỗi số ${a.number}</h3>
      <p>Gửi: ${a.addressee}. Lý do: ${a.reason}</p>
      <p>Hẹn cũ: ${shortDateTime(a.originalReturnDate)} → hẹn mới: <strong>${shortDateTime(a.newReturnDate)}</strong>; ký: ${a.signer.fullName} (${a.signer.unitName}).</p>
      <p><a href="${CONSOLE}/dossiers/${v.id}/documents/04-${a.id}">In mẫu số 04</a></p></article>`,
  );
  const history = m.history.map(
    (e) => html`<tr><td class="num">${e.seq}</td><td>${shortDateTime(e.at)}</td><td>${word(EVENTS, e.type)}${e.action ? html`: ${word(ACTIONS, e.action)}` : ''}</td>
      <td>${word(STEPS, e.toState) === e.toState ? word(STATUSES, e.toState) : word(STEPS, e.toState)}</td><td>${e.actor.unitCode ?? ACTOR_KINDS[e.actor.kind] ?? e.actor.kind}</td><td>${e.reason ?? e.comment ?? ''}</td><td><code title="${e.hash}">${e.hash.slice(0, 12)}…</code></td></tr>`,
  );
  return html`${m.message ?? ''}
<dl class="facts card">
  <dt>Doanh nghiệp</dt><dd>${v.applicant.name} (MST ${v.applicant.taxCode})</dd>
  <dt>Thủ tục</dt><dd>${m.procedureName} (phiên bản ${v.procedureVersion})</dd>
  <dt>Trạng thái</dt><dd>${word(STATUSES, v.status)}${step ? html` · ${word(STEPS, step.key)}` : ''}${step?.overdue ? html` <span class="badge r-late">Quá hạn</span>` : ''}</dd>
  <dt>Hạn của bước</dt><dd>${step ? shortDateTime(step.dueAt) : '—'}</dd>
  <dt>Ngày hẹn trả kết quả</dt><dd>${shortDateTime(v.appointedReturnDate)}${v.dueAt && v.dueAt !== v.appointedReturnDate ? html` (hẹn lại: ${shortDateTime(v.dueAt)})` : ''}</dd>
  <dt>Tiếp nhận</dt><dd>${shortDateTime(v.receivedAt)}</dd>
</dl>
<section aria-labelledby="actions"><h2 id="actions">Xử lý</h2>
${v.availableActions.length ? html`<div class="actions">${v.availableActions.map((a) => actionForm(m, a))}</div>` : html`<p>Bạn không có thao tác nào trên hồ sơ này lúc này.</p>`}
</section>
<section aria-labelledby="steps"><h2 id="steps">Quá trình giải quyết</h2>${timeline(m)}</section>
${apologies.length ? html`<section aria-labelledby="apologies"><h2 id="apologies">Thư xin lỗi</h2>${apologies}</section>` : ''}
<section aria-labelledby="documents"><h2 id="documents">Biểu mẫu in</h2><ul>${docs}</ul></section>
<section aria-labelledby="history"><h2 id="history">Lịch sử (chuỗi băm)</h2>${chain}
<div class="scroll"><table class="data"><caption>Các sự kiện, cũ nhất trước</caption>
<thead><tr><th scope="col">#</th><th scope="col">Thời điểm</th><th scope="col">Sự kiện</th><th scope="col">Sang bước</th><th scope="col">Người thực hiện</th><th scope="col">Ghi chú</th><th scope="col">Mã băm</th></tr></thead>
<tbody>${history}</tbody></table></div>
</section>`;
}
