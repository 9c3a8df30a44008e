// Form 05 of Circular 01/2018/TT-VPCP: the processing control slip ("Phiếu kiểm soát quá trình
// giải quyết hồ sơ"): each hand-over of the dossier with the units, the time, who gave and who
// received it, and whether the step that followed finished early, on time or late.
import type { OfficialDocument } from '../document';
import type { Letterhead } from '../letterhead';
import { vnDateTime } from '../vn-format';
import { formTop } from './common';

/** How a step (or the whole dossier) ended against its time limit. */
export type StepResult = 'early' | 'on-time' | 'late' | 'running' | 'withdrawn';

export const RESULT_WORDS: Record<StepResult, string> = {
  early: 'Trước hạn',
  'on-time': 'Đúng hạn',
  late: 'Quá hạn',
  running: 'Đang giải quyết',
  withdrawn: 'Dừng (rút hồ sơ)',
};

export interface Handover {
  /** The unit (or the portal) handing the dossier over, and the unit receiving it. */
  from: string;
  to: string;
  at: Date;
  giver: string;
  receiver: string;
  result: StepResult;
  note: string;
}

export interface ControlSlipInput {
  letterhead: Letterhead;
  portalCode: string;
  applicant: string;
  procedureName: string;
  /** The unit that handles the dossier, and those that take part. */
  handlingUnit: string;
  coordinatingUnits: string[];
  handovers: Handover[];
}

export function controlSlipForm(c: ControlSlipInput): OfficialDocument {
  return {
    ...formTop('05', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', 'Phiếu kiểm soát quá trình giải quyết hồ sơ', c, null),
    subheadings: [`Mã hồ sơ: ${c.portalCode}`, `(Kèm theo hồ sơ của: ${c.applicant})`],
    body: [
      { kind: 'paragraph', content: ['Tên thủ tục hành chính: ', { text: c.procedureName, italic: true }] },
      { kind: 'paragraph', content: [`Cơ quan (bộ phận) giải quyết hồ sơ: ${c.handlingUnit}`] },
      { kind: 'paragraph', content: [`Cơ quan phối hợp giải quyết hồ sơ: ${c.coordinatingUnits.join('; ') || '—'}`] },
      {
        kind: 'table',
        columns: [
          { title: 'TÊN CƠ QUAN', width: 24 },
          { title: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', width: 18 },
          { title: 'NGƯỜI GIAO', width: 13 },
          { title: 'NGƯỜI NHẬN', width: 13 },
          { title: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)', width: 18, align: 'center' },
          { title: 'GHI CHÚ', width: 13 },
        ],
        rows: c.handovers.map((h, i) => [
          `${i + 1}. Giao: ${h.from}\nNhận: ${h.to}`,
          vnDateTime(h.at),
          h.giver,
          h.receiver,
          RESULT_WORDS[h.result],
          h.note,
        ]),
      },
    ],
    signatures: [],
  };
}
