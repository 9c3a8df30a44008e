// Pure: the dossier register (form 06) as CSV and as the form's lines: the form's columns with its
// Vietnamese headings, UTF-8 with a byte-order mark and CRLF lines like the processing report's CSV.
import { toCsv } from '../common/csv';
import { REGISTER_COLUMNS, type RegisterLine } from '../documents/forms/form-06';
import { BOM } from './processing-report.csv';
import type { Register, RegisterRow } from './register';

const at = (iso: string | null) => (iso ? new Date(iso) : null);

/** A line of the register as form 06 writes it. */
export function registerLine(r: RegisterRow): RegisterLine {
  return {
    portalCode: r.portalCode,
    procedureName: r.procedure.name,
    copies: r.copies,
    applicant: r.applicant.name,
    addressAndPhone: [r.applicant.address, r.applicant.phone].filter(Boolean).join('; '),
    competentUnit: r.competentUnit.name,
    receivedAt: new Date(r.receivedAt),
    appointedAt: at(r.appointedReturnAt),
    forwardedAt: at(r.forwardedAt),
    resultReceivedAt: at(r.resultReceivedAt),
    returnedAt: at(r.returnedAt),
    note: r.note,
  };
}

export function registerCsv(register: Register): string {
  const lines = register.rows.map(registerLine);
  return BOM + toCsv(REGISTER_COLUMNS.map((c) => c.title), lines.map((line, i) => REGISTER_COLUMNS.map((c) => c.cell(line, i + 1))));
}
