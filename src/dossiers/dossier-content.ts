// Pure: rules of a dossier's content that span fields, so the DTO decorators cannot express them;
// the same function checks a submission and the content a supplement leaves behind.
import type { FieldError } from '../common/domain-error';

export interface ContentToCheck {
  procedureCode: string;
  workers: readonly { idNumber: string; from: string; to: string }[];
  loan?: unknown;
}

/**
 * Every broken rule, each naming its field as the caller sent it: `field` maps a path of the
 * content (`workers.0.to`) to the request's (`data.workers.0.to` in a supplement).
 */
export function contentProblems(content: ContentToCheck, field: (path: string) => string = (path) => path): FieldError[] {
  const errors: FieldError[] = [];
  const problem = (path: string, constraint: string, rest: string) => errors.push({ field: field(path), constraint, message: `${field(path)} ${rest}` });
  if (content.procedureCode === 'wage-loan-support' && !content.loan) problem('loan', 'required', 'is required for wage-loan-support');
  if (content.procedureCode === 'unpaid-leave-support' && content.loan) problem('loan', 'mustBeNull', 'must be null for unpaid-leave-support');
  content.workers.forEach((w, i) => {
    if (w.from > w.to) problem(`workers.${i}.to`, 'notBefore', `must not be before ${field(`workers.${i}.from`)}`);
  });
  const seen = new Set<string>();
  content.workers.forEach((w, i) => {
    if (seen.has(w.idNumber)) problem(`workers.${i}.idNumber`, 'unique', 'appears twice in the list');
    seen.add(w.idNumber);
  });
  return errors;
}
