// Pure: the apology letter as the API returns it: JSON, and printable Vietnamese HTML laid out like
// form 04 of Circular 01/2018/TT-VPCP ("Phiếu xin lỗi và hẹn lại ngày trả kết quả").
import type { ApologyEntity } from './apology.entity';

export function apologyView(a: ApologyEntity) {
  return {
    id: a.id,
    number: a.number,
    dossierId: a.dossierId,
    portalCode: a.portalCode,
    addressee: a.addressee,
    procedureName: a.procedureName,
    receivedAt: a.receivedAt.toISOString(),
    originalReturnDate: a.originalReturnDate.toISOString(),
    reason: a.reason,
    newReturnDate: a.newReturnDate.toISOString(),
    signer: { officialId: a.signerOfficialId, fullName: a.signerName, unitCode: a.unitCode, unitName: a.unitName },
    createdAt: a.createdAt.toISOString(),
  };
}

export type ApologyView = ReturnType<typeof apologyView>;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** "ngày 19 tháng 05 năm 2020" in Asia/Ho_Chi_Minh. */
export function vnDate(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `ngày ${local.slice(8, 10)} tháng ${local.slice(5, 7)} năm ${local.slice(0, 4)}`;
}

/** "17 giờ 00, ngày 19 tháng 05 năm 2020" in Asia/Ho_Chi_Minh. */
export function vnDateTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${local.slice(11, 13)} giờ ${local.slice(14, 16)}, ${vnDate(iso)}`;
}

export function apologyLetterHtml(letter: ApologyView): string {
  const e = escapeHtml;
  const unit = e(letter.signer.unitName);
  const created = vnDate(letter.createdAt);
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Phiếu xin lỗi và hẹn lại ngày trả kết quả ${e(letter.number)}</title>
<style>
  body { font-family: "Times New Roman", serif; font-size: 14pt; max-width: 18cm; margin: 2cm auto; line-height: 1.5; }
  .head { display: flex; justify-content: space-between; text-align: center; }
  h1 { text-align: center; font-size: 14pt; margin: 1.5em 0 1em; }
  .sign { margin-left: 50%; text-align: center; margin-top: 2em; }
  @media print { body { margin: 0 auto; } }
</style>
</head>
<body>
<div class="head">
  <div><strong>${e(letter.signer.unitName.toUpperCase())}</strong><br>Số: ${e(letter.number)}</div>
  <div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><strong>Độc lập - Tự do - Hạnh phúc</strong><br><em>${created}</em></div>
</div>
<h1>PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ</h1>
<p>Kính gửi: ${e(letter.addressee)}</p>
<p>${capitalize(vnDate(letter.receivedAt))}, ${unit} tiếp nhận giải quyết hồ sơ đề nghị giải quyết thủ tục hành chính
“${e(letter.procedureName)}” của ${e(letter.addressee)}.</p>
<p>Mã hồ sơ: ${e(letter.portalCode)}</p>
<p>Thời hạn trả kết quả giải quyết hồ sơ: ${vnDateTime(letter.originalReturnDate)}.</p>
<p>Tuy nhiên đến nay, ${unit} chưa trả kết quả giải quyết hồ sơ của Ông/Bà/Tổ chức.</p>
<p>Lý do: ${e(letter.reason)}</p>
<p>Sự chậm trễ này đã gây phiền hà cho Ông/Bà/Tổ chức. ${unit} xin lỗi Ông/Bà/Tổ chức và sẽ trả kết quả giải quyết hồ sơ
cho Ông/Bà/Tổ chức vào ${vnDateTime(letter.newReturnDate)}.</p>
<p>Rất mong nhận được sự thông cảm của Ông/Bà/Tổ chức vì sự chậm trễ này.</p>
<div class="sign"><strong>ĐẠI DIỆN CƠ QUAN</strong><br><em>(Ký và ghi rõ họ tên)</em><br><br><br>${e(letter.signer.fullName)}</div>
</body>
</html>
`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
