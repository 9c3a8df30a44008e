import { apologyLetterHtml, escapeHtml, vnDate, vnDateTime, type ApologyView } from './apology-letter';

describe('apology letter', () => {
  const letter: ApologyView = {
    id: '7d1c2b7e-1111-4a6b-9b1c-000000000001',
    number: '12/PXL',
    dossierId: '7d1c2b7e-1111-4a6b-9b1c-000000000002',
    portalCode: '000.00.51.H55-200512-0001',
    addressee: 'Công ty <script>alert(1)</script> & Co',
    procedureName: 'Hỗ trợ người lao động tạm hoãn thực hiện hợp đồng lao động',
    receivedAt: '2020-05-12T02:30:00.000Z',
    originalReturnDate: '2020-05-15T10:00:00.000Z',
    reason: 'Chờ xác minh "thời gian" đóng BHXH',
    newReturnDate: '2020-05-19T10:00:00.000Z',
    signer: { officialId: 'x', fullName: 'Nguyễn Văn Hùng', unitCode: 'BHXH-522', unitName: 'BHXH huyện Bình Sơn' },
    createdAt: '2020-05-14T03:00:00.000Z',
  };

  it('escapes every character HTML gives a meaning to', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('writes dates in Vietnamese, in Vietnam time', () => {
    expect(vnDate('2020-05-14T18:00:00.000Z')).toBe('ngày 15 tháng 05 năm 2020'); // 01:00 next day locally
    expect(vnDateTime('2020-05-19T10:00:00.000Z')).toBe('17 giờ 00, ngày 19 tháng 05 năm 2020');
  });

  it('prints the fields of form 04 with all text escaped', () => {
    const html = apologyLetterHtml(letter);
    expect(html).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(html).toContain('Số: 12/PXL');
    expect(html).toContain('Kính gửi: Công ty &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Mã hồ sơ: 000.00.51.H55-200512-0001');
    expect(html).toContain('Ngày 12 tháng 05 năm 2020, BHXH huyện Bình Sơn tiếp nhận');
    expect(html).toContain('Thời hạn trả kết quả giải quyết hồ sơ: 17 giờ 00, ngày 15 tháng 05 năm 2020');
    expect(html).toContain('Lý do: Chờ xác minh &quot;thời gian&quot; đóng BHXH');
    expect(html).toContain('vào 17 giờ 00, ngày 19 tháng 05 năm 2020');
    expect(html).toContain('Nguyễn Văn Hùng');
  });
});
