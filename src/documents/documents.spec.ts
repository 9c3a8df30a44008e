import { pdfText as extract } from '../../test/support/pdf-text';
import { AdministrativeUnits } from '../common/administrative-units';
import type { OfficialDocument } from './document';
import { receiptForm } from './forms/form-01';
import { supplementRequestForm } from './forms/form-02';
import { refusalForm } from './forms/form-03';
import { apologyForm } from './forms/form-04';
import { escapeHtml, renderHtml } from './html';
import { letterhead } from './letterhead';
import { renderPdf } from './pdf';
import { placeAndDate, vnDate, vnDateTime, vnMoney } from './vn-format';

const units = AdministrativeUnits.withOverrides();
const bhxh = letterhead({ name: 'Bảo hiểm xã hội thành phố Quảng Ngãi', kind: 'social-insurance', provinceCode: '51', districtCode: '522' }, units);
const party = {
  portalCode: '000.00.51.H55-200512-0001',
  procedureName: 'Hỗ trợ người lao động tạm hoãn thực hiện hợp đồng lao động hoặc nghỉ việc không hưởng lương do đại dịch Covid-19',
  applicant: { name: 'Công ty TNHH May Quảng Ngãi', address: '12 Quang Trung, TP Quảng Ngãi', phone: '02553822123', taxCode: '4300123458' },
};

async function pdfText(doc: OfficialDocument): Promise<{ text: string; pages: number; bytes: Buffer }> {
  const bytes = await renderPdf(doc);
  return { ...(await extract(bytes)), bytes };
}

/** Line breaks in the PDF fall anywhere: compare with whitespace collapsed. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('Vietnamese document formatting', () => {
  it('writes dates as Decree 30/2020 does, in Vietnam time: a 0 before days under 10 and months 1 and 2 only', () => {
    expect(vnDate(new Date('2020-05-12T02:30:00Z'))).toBe('ngày 12 tháng 5 năm 2020');
    expect(vnDate(new Date('2021-02-04T18:00:00Z'))).toBe('ngày 05 tháng 02 năm 2021'); // 01:00 on the 5th locally
    expect(vnDate(new Date('2021-10-26T03:00:00Z'))).toBe('ngày 26 tháng 10 năm 2021');
    expect(vnDateTime(new Date('2020-05-22T10:00:00Z'))).toBe('17 giờ 00 phút, ngày 22 tháng 5 năm 2020');
    expect(placeAndDate('Cần Thơ', new Date('2021-10-26T03:00:00Z'))).toBe('Cần Thơ, ngày 26 tháng 10 năm 2021');
    expect(placeAndDate('Quảng Ngãi', null)).toBe('Quảng Ngãi, ngày … tháng … năm …');
    expect(vnMoney(1_800_000)).toBe('1.800.000 đồng');
  });

  it('escapes every character HTML gives a meaning to', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('heads a unit\'s documents with its superior agency and the place of its district or province', () => {
    expect(bhxh).toEqual({
      superior: 'BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI', issuer: 'BẢO HIỂM XÃ HỘI THÀNH PHỐ QUẢNG NGÃI', place: 'Quảng Ngãi', name: 'Bảo hiểm xã hội thành phố Quảng Ngãi',
    });
    expect(letterhead({ name: 'Ủy ban nhân dân quận Ninh Kiều', kind: 'district-pc', provinceCode: '92', districtCode: '916' }, units)).toMatchObject({
      superior: null, issuer: 'ỦY BAN NHÂN DÂN QUẬN NINH KIỀU', place: 'Ninh Kiều',
    });
    expect(letterhead({ name: 'Bảo hiểm xã hội thành phố Cần Thơ', kind: 'social-insurance', provinceCode: '92', districtCode: null }, units).superior).toBe('BẢO HIỂM XÃ HỘI VIỆT NAM');
    expect(letterhead({ name: 'Sở Lao động - Thương binh và Xã hội', kind: 'dolisa', provinceCode: '92', districtCode: null }, units)).toMatchObject({
      superior: 'UBND THÀNH PHỐ CẦN THƠ', place: 'Cần Thơ',
    });
  });
});

describe('forms 01–04 as HTML and PDF', () => {
  const receipt = receiptForm({
    ...party, letterhead: bhxh, submittedAt: new Date('2020-05-12T02:30:00Z'), appointedAt: new Date('2020-05-22T10:00:00Z'),
    timeLimitWorkingDays: 8, workerCount: 2, attachments: ['danh-sach.pdf'], signed: true,
  });
  const supplement = supplementRequestForm({
    ...party, letterhead: bhxh, issuedAt: new Date('2020-05-13T03:00:00Z'), reason: 'Danh sách thiếu số sổ BHXH của 1 người',
    items: [{ document: 'Danh sách người lao động (Mẫu số 01)', form: 'electronic', note: 'bổ sung số sổ BHXH của bà Trần Thị Ánh' }],
    official: { name: 'Nguyễn Văn Hùng', phone: '0905123456' },
  });
  const refusal = refusalForm({
    ...party, letterhead: bhxh, issuedAt: new Date('2020-05-14T03:00:00Z'), ground: 'Người lao động không thuộc đối tượng hỗ trợ',
    reason: 'Thời gian nghỉ không lương ngoài thời gian hỗ trợ', official: { name: 'Lê Thị Ngọc Ánh' },
  });
  const apology = apologyForm({
    letterhead: bhxh, number: '12/PXL', addressee: 'Công ty <script>alert(1)</script> & Co', portalCode: party.portalCode, procedureName: party.procedureName,
    receivedAt: new Date('2020-05-12T02:30:00Z'), originalReturnDate: new Date('2020-05-15T10:00:00Z'), reason: 'Chờ xác minh "thời gian" đóng BHXH',
    newReturnDate: new Date('2020-05-19T10:00:00Z'), issuedAt: new Date('2020-05-14T03:00:00Z'), signer: { name: 'Nguyễn Văn Hùng' },
  });

  it('prints form 01 with the receipt, the appointment and the legal time limit', () => {
    const html = renderHtml(receipt);
    for (const text of [
      'Mẫu số 01', 'BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Quảng Ngãi, ngày 12 tháng 5 năm 2020', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'Mã hồ sơ: 000.00.51.H55-200512-0001',
      'Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 12 tháng 5 năm 2020', '17 giờ 00 phút, ngày 22 tháng 5 năm 2020', '8 ngày làm việc',
      'Tệp đính kèm: danh-sach.pdf', 'NGƯỜI TIẾP NHẬN HỒ SƠ',
    ]) expect(html).toContain(text);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('@page { size: A4;');
  });

  it('prints the items and reason of form 02, the ground of form 03, and escapes all text of form 04', () => {
    expect(renderHtml(supplement)).toContain('Danh sách người lao động (Mẫu số 01) (bản điện tử): bổ sung số sổ BHXH của bà Trần Thị Ánh');
    expect(renderHtml(supplement)).toContain('Nguyễn Văn Hùng, số điện thoại 0905123456');
    expect(renderHtml(refusal)).toContain('<strong>Căn cứ: </strong>Người lao động không thuộc đối tượng hỗ trợ');
    const html = renderHtml(apology);
    expect(html).toContain('Số: 12/PXL');
    expect(html).toContain('Kính gửi: Công ty &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<em>Nơi nhận:</em>');
    expect(html).toContain('Lý do: </strong>Chờ xác minh &quot;thời gian&quot; đóng BHXH');
  });

  it.each([
    ['01', receipt, ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'Công ty TNHH May Quảng Ngãi', '17 giờ 00 phút, ngày 22 tháng 5 năm 2020']],
    ['02', supplement, ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'bổ sung số sổ BHXH của bà Trần Thị Ánh', 'NGƯỜI HƯỚNG DẪN']],
    ['03', refusal, ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Lê Thị Ngọc Ánh', 'Thời gian nghỉ không lương ngoài thời gian hỗ trợ']],
    ['04', apology, ['PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'Số: 12/PXL', 'Rất mong nhận được sự thông cảm', 'Nơi nhận:']],
  ] as const)('renders form %s as an A4 PDF whose extracted text keeps every diacritic', async (_, doc, phrases) => {
    const { text, pages, bytes } = await pdfText(doc);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pages).toBe(1);
    for (const phrase of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI', ...phrases]) {
      expect(flat(text)).toContain(phrase);
    }
    expect(flat(text)).toMatch(/Quảng Ngãi, ngày \d{2} tháng 5 năm 2020/);
  });

  it('embeds the font (no reliance on the reader\'s fonts) and keeps decomposed input readable', async () => {
    const decomposed = { ...refusal, body: [{ kind: 'paragraph' as const, content: ['Nguyễn Thị Ánh'.normalize('NFD')] }] };
    const { text, bytes } = await pdfText(decomposed);
    expect(bytes.toString('latin1')).toMatch(/\/FontFile2/);
    expect(text).toContain('Nguyễn Thị Ánh');
  });

  it('breaks a long table across pages and repeats its header', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [String(i + 1), `Người lao động số ${i + 1} — Đặng Thị Ngọc Hường`, '1.800.000']);
    const long: OfficialDocument = { ...refusal, body: [{ kind: 'table', columns: [{ title: 'STT', width: 1 }, { title: 'Họ và tên', width: 6 }, { title: 'Số tiền', width: 2, align: 'right' }], rows }] };
    const { text, pages } = await pdfText(long);
    expect(pages).toBeGreaterThan(1);
    expect(flat(text)).toContain('Người lao động số 80 — Đặng Thị Ngọc Hường');
    expect(flat(text).match(/Họ và tên/g)?.length).toBe(pages);
    expect(renderHtml(long)).toContain('<td class="right">1.800.000</td>');
  });
});
