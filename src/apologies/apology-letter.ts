// Pure: the apology letter as the API returns it in JSON; documents/forms/form-04.ts lays it out as
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
