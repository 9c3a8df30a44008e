// Pure: one dossier for a supervisor: its facts, the actions the signed-in official may take now
// (each behind a confirmation), the steps as a timeline, apology letters, printable forms and the
// hash-chained history with the server's verdict on the chain.
import type { ApologyView } from '../../apologies/apology-letter';
import type { StepRecord } from '../../documents/step-records';
import type { DossierView } from '../../dossiers/dossier-view';
import { html, type Markup } from './html';
import { CONSOLE, csrfField } from './layout';
import { ACTIONS, EVENTS, RESULTS, shortDate, shortDateTime, STATUSES, STEPS, type T, word, workingTime } from './words';

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
  rejectGrounds: { key: string; label: string; labelEn: string }[];
  /** The workers a signed loan is for, by n, named: whom a payment may go to. */
  loanWorkers: { n: number; fullName: string }[];
  csrf: string;
  now: Date;
  message?: Markup;
}

const ACTOR_KINDS: Record<string, [string, string]> = {
  integration: ['Cổng Dịch vụ công quốc gia', 'National Public Service Portal'],
  admin: ['Quản trị', 'Admin'],
  public: ['Công dân, doanh nghiệp', 'Citizen or enterprise'],
  system: ['Hệ thống', 'System'],
};

const OPEN_STATUSES = ['processing', 'awaiting-supplement'];

function actionForm(m: DossierModel, action: string, t: T): Markup {
  const id = m.view.id;
  const name = word(ACTIONS, action, t);
  const field = (key: string, label: string, input: Markup) => html`<div class="field"><label for="${action}-${key}">${label}</label>${input}</div>`;
  const textarea = (key: string, label: string, required: boolean) =>
    field(key, label, html`<textarea id="${action}-${key}" name="${key}" rows="2" maxlength="4000"${required ? html` required` : ''}></textarea>`);
  const comment = textarea('comment', t('Ý kiến', 'Comment'), false);
  const extra =
    action === 'reject'
      ? html`${field('ground', t('Căn cứ từ chối', 'Ground'), html`<select id="reject-ground" name="ground" required><option value="">${t('— chọn —', '— choose —')}</option>${m.rejectGrounds.map((g) => html`<option value="${g.key}">${t(g.label, g.labelEn)}</option>`)}</select>`)}${textarea('reason', t('Lý do', 'Reason'), true)}`
      : action === 'request-supplement'
        ? html`${textarea('reason', t('Nội dung cần bổ sung', 'What is missing'), true)}${field('channel', t('Hình thức nộp bổ sung', 'How to send it'), html`<select id="request-supplement-channel" name="channel"><option value="online">${t('Trực tuyến', 'Online')}</option><option value="paper">${t('Bản giấy', 'On paper')}</option></select>`)}`
        : action === 'disburse'
          ? html`${field('contractNumber', t('Số hợp đồng vay', 'Loan contract number'), html`<input id="disburse-contractNumber" name="contractNumber" required maxlength="60">`)}${field('amount', t('Số tiền giải ngân (đồng)', 'Amount (VND)'), html`<input id="disburse-amount" name="amount" type="number" min="1" required>`)}${comment}`
          : action === 'record-payment'
            ? paymentFields(m, field, t, comment)
            : comment;
  return html`<form method="post" action="${CONSOLE}/dossiers/${id}/actions" class="card action" data-confirm="${name} ${t('hồ sơ', 'dossier')} ${m.view.portalCode}?">
    ${csrfField(m.csrf)}<input type="hidden" name="action" value="${action}"><input type="hidden" name="expectedVersion" value="${m.view.version}">
    <h3>${name}</h3>${extra}<button type="submit">${name}</button>
  </form>`;
}

/** A monthly payment of the loan straight to the workers: the month, the amount and whom it went to (by n, all of the loan's by default). */
function paymentFields(m: DossierModel, field: (key: string, label: string, input: Markup) => Markup, t: T, comment: Markup): Markup {
  const loan = m.view.loan;
  const paid = loan ? html`<p class="hint" data-loan="paid">${t('Đã chi trả', 'Paid so far')}: ${money(loan.paid)} / ${money(loan.amount)} ${t('đồng', 'VND')}</p>` : '';
  const names = m.loanWorkers.map((w) => `${w.n}. ${w.fullName}`).join('; ');
  return html`${paid}${field('month', t('Tháng chi trả', 'Month paid'), html`<input id="record-payment-month" name="month" type="month" min="1900-01" max="2100-12" required>`)}${field('amount', t('Số tiền chi trả (đồng)', 'Amount paid (VND)'), html`<input id="record-payment-amount" name="amount" type="number" min="1" required>`)}${field('workers', t('Người lao động được chi trả (số thứ tự trong hồ sơ, cách nhau bởi dấu phẩy)', 'Workers paid (their numbers in the dossier, comma-separated)'), html`<input id="record-payment-workers" name="workers" required value="${m.loanWorkers.map((w) => w.n).join(', ')}" aria-describedby="record-payment-names">`)}<p class="hint" id="record-payment-names">${names}</p>${comment}`;
}

const money = (amount: number) => String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

function timeline(m: DossierModel, t: T): Markup {
  const spentOf = (ms: number | null) => (ms === null ? '—' : workingTime(ms, m.workingDayMs, t));
  const items = m.steps.map((s) => {
    // A step still running past its limit is late already.
    const result = s.result === 'running' && s.dueAt !== null && s.dueAt < m.now ? 'late' : s.result;
    const label = result === s.result ? word(RESULTS, s.result, t) : t('Đang xử lý, đã quá hạn', 'In progress, late');
    const spent = s.endedAt ? spentOf(s.workedMs) : `${spentOf(m.runningMs)} (${t('đang xử lý', 'running')})`;
    return html`<li class="step r-${result}">
      <h3>${word(STEPS, s.step, t)} <span class="badge r-${result}">${label}</span></h3>
      <dl>
        <dt>${t('Đơn vị', 'Unit')}</dt><dd>${s.unitName}</dd>
        <dt>${t('Nhận hồ sơ', 'Received')}</dt><dd>${shortDateTime(s.startedAt)}</dd>
        <dt>${t('Hạn của bước', 'Step due')}</dt><dd>${shortDateTime(s.dueAt)}</dd>
        <dt>${t('Kết thúc', 'Ended')}</dt><dd>${s.endedAt ? html`${shortDateTime(s.endedAt)} · ${word(ACTIONS, s.endAction, t)}` : '—'}</dd>
        <dt>${t('Người xử lý', 'By')}</dt><dd>${s.officialName ?? '—'}</dd>
        <dt>${t('Thời gian xử lý', 'Time taken')}</dt><dd>${spent}</dd>
        ${s.pauses.length ? html`<dt>${t('Tạm dừng chờ bổ sung', 'Paused for a supplement')}</dt><dd>${s.pauses.map((p) => html`<span class="pause">${shortDateTime(p.from)} → ${p.to ? shortDateTime(p.to) : t('chưa bổ sung', 'not yet supplemented')}</span> `)}</dd>` : ''}
      </dl>
    </li>`;
  });
  return html`<ol class="timeline">${items}</ol>`;
}

export function dossierBody(m: DossierModel, t: T): Markup {
  const v = m.view;
  const step = v.currentStep;
  const chain =
    m.chainBrokenAt === null
      ? html`<p class="chain ok" data-chain="verified">✔ ${t('Chuỗi băm đã được kiểm tra: toàn vẹn', 'Hash chain verified: intact')} (${m.history.length} ${t('sự kiện', 'events')})</p>`
      : html`<p class="chain broken" data-chain="broken" role="alert">✘ ${t('Chuỗi băm bị đứt tại sự kiện số', 'Hash chain broken at event')} ${m.chainBrokenAt}</p>`;
  const docs = m.documents.map(
    (d) => html`<li><a href="${CONSOLE}/dossiers/${v.id}/documents/${d.id}">${t('Mẫu số', 'Form')} ${d.form}: ${d.title}</a> (${shortDate(d.issuedAt)}) · <a href="${CONSOLE}/dossiers/${v.id}/documents/${d.id}/pdf">PDF</a></li>`,
  );
  const apologies = m.apologies.map(
    (a) => html`<article class="card letter"><h3>${t('Thư xin lỗi số', 'Apology letter')} ${a.number}</h3>
      <p>${t('Gửi', 'To')}: ${a.addressee}. ${t('Lý do', 'Reason')}: ${a.reason}</p>
      <p>${t('Hẹn cũ', 'Former date')}: ${shortDateTime(a.originalReturnDate)} → ${t('hẹn mới', 'new date')}: <strong>${shortDateTime(a.newReturnDate)}</strong>; ${t('ký', 'signed by')}: ${a.signer.fullName} (${a.signer.unitName}).</p>
      <p><a href="${CONSOLE}/dossiers/${v.id}/documents/04-${a.id}">${t('In mẫu số 04', 'Print form 04')}</a></p></article>`,
  );
  const toState = (state: string) => (STEPS[state] ? word(STEPS, state, t) : word(STATUSES, state, t));
  const history = m.history.map(
    (e) => html`<tr><td class="num">${e.seq}</td><td>${shortDateTime(e.at)}</td><td>${word(EVENTS, e.type, t)}${e.action ? html`: ${word(ACTIONS, e.action, t)}` : ''}</td>
      <td>${toState(e.toState)}</td><td>${e.actor.unitCode ?? word(ACTOR_KINDS, e.actor.kind, t)}</td><td>${e.reason ?? e.comment ?? ''}</td><td><code title="${e.hash}">${e.hash.slice(0, 12)}…</code></td></tr>`,
  );
  const reset = v.dueAt && v.dueAt !== v.appointedReturnDate ? html` (${t('hẹn lại', 'new date')}: ${shortDateTime(v.dueAt)})` : '';
  // As the overview counts "past the return date now": a dossier still being settled, its date in force gone by.
  const past = OPEN_STATUSES.includes(v.status) && v.dueAt && new Date(v.dueAt) < m.now
    ? html` <span class="badge r-late" data-past="return-date">${t('Đã quá ngày hẹn trả', 'Past the return date')}</span>` : '';
  return html`${m.message ?? ''}
<dl class="facts card">
  <dt>${t('Doanh nghiệp', 'Enterprise')}</dt><dd>${v.applicant.name} (${t('MST', 'tax code')} ${v.applicant.taxCode})</dd>
  <dt>${t('Thủ tục', 'Procedure')}</dt><dd>${m.procedureName} (${t('phiên bản', 'version')} ${v.procedureVersion})</dd>
  <dt>${t('Trạng thái', 'Status')}</dt><dd>${word(STATUSES, v.status, t)}${step ? html` · ${word(STEPS, step.key, t)}` : ''}${step?.overdue ? html` <span class="badge r-late">${t('Quá hạn', 'Late')}</span>` : ''}</dd>
  <dt>${t('Hạn của bước', 'Step due')}</dt><dd>${step ? shortDateTime(step.dueAt) : '—'}</dd>
  <dt>${t('Ngày hẹn trả kết quả', 'Appointed return date')}</dt><dd>${shortDateTime(v.appointedReturnDate)}${reset}${past}</dd>
  <dt>${t('Nộp trên Cổng Dịch vụ công', 'Submitted on the portal')}</dt><dd data-fact="submittedAt">${shortDateTime(v.submittedAt)}</dd>
  <dt>${t('Tiếp nhận', 'Received')}</dt><dd data-fact="receivedAt">${shortDateTime(v.receivedAt)}</dd>
</dl>
<section aria-labelledby="actions"><h2 id="actions">${t('Xử lý', 'Actions')}</h2>
${v.availableActions.length ? html`<div class="actions">${v.availableActions.map((a) => actionForm(m, a, t))}</div>` : html`<p>${t('Bạn không có thao tác nào trên hồ sơ này lúc này.', 'You have no action on this dossier now.')}</p>`}
</section>
<section aria-labelledby="steps"><h2 id="steps">${t('Quá trình giải quyết', 'Steps')}</h2>${timeline(m, t)}</section>
${apologies.length ? html`<section aria-labelledby="apologies"><h2 id="apologies">${t('Thư xin lỗi', 'Apology letters')}</h2>${apologies}</section>` : ''}
<section aria-labelledby="documents"><h2 id="documents">${t('Biểu mẫu in', 'Forms to print')}</h2><ul>${docs}</ul></section>
<section aria-labelledby="history"><h2 id="history">${t('Lịch sử (chuỗi băm)', 'History (hash chain)')}</h2>${chain}
<div class="scroll" tabindex="0" role="region" aria-label="${t('Bảng sự kiện, cuộn ngang', 'Events table, scrolls sideways')}"><table class="data"><caption>${t('Các sự kiện, cũ nhất trước', 'Events, oldest first')}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${t('Thời điểm', 'At')}</th><th scope="col">${t('Sự kiện', 'Event')}</th><th scope="col">${t('Sang bước', 'To')}</th><th scope="col">${t('Người thực hiện', 'By')}</th><th scope="col">${t('Ghi chú', 'Note')}</th><th scope="col">${t('Mã băm', 'Hash')}</th></tr></thead>
<tbody>${history}</tbody></table></div>
</section>`;
}
