// Pure: rules of a dossier's content that span fields, so the DTO decorators cannot express them;
// the same function checks a submission and the content a supplement leaves behind.
import type { ErrorObject } from 'ajv';
import type { FieldError } from '../common/domain-error';
import { dossierParts, latestProcedure, type Procedure } from '../workflow/definitions';
import type { ProcedureDefinition } from '../workflow/types';

export interface ContentToCheck {
  procedureCode: string;
  /** The version the dossier is under; else the code's latest (the seeds' versions agree on what they list). */
  procedure?: Pick<ProcedureDefinition, 'eligibility'>;
  workers?: readonly { idNumber: string; from: string; to: string }[];
  loan?: unknown;
}

/**
 * Every broken rule, each naming its field as the caller sent it: `field` maps a path of the
 * content (`workers.0.to`) to the request's (`data.workers.0.to` in a supplement). Whether workers
 * and a loan are listed is the version's rule kind's to say (dossierParts).
 */
export function contentProblems(content: ContentToCheck, field: (path: string) => string = (path) => path): FieldError[] {
  const errors: FieldError[] = [];
  const problem = (path: string, constraint: string, rest: string) => errors.push({ field: field(path), constraint, message: `${field(path)} ${rest}` });
  const procedure = content.procedure ?? latestProcedure(content.procedureCode);
  const parts = procedure ? dossierParts(procedure) : { workers: false, loan: false };
  if (parts.loan && !content.loan) problem('loan', 'required', `is required for ${content.procedureCode}`);
  if (!parts.loan && content.loan) problem('loan', 'mustBeNull', `must be null for ${content.procedureCode}`);
  if (parts.workers && !content.workers) problem('workers', 'required', `is required for ${content.procedureCode}`);
  const workers = content.workers ?? [];
  workers.forEach((w, i) => {
    if (w.from > w.to) problem(`workers.${i}.to`, 'notBefore', `must not be before ${field(`workers.${i}.from`)}`);
  });
  const seen = new Set<string>();
  workers.forEach((w, i) => {
    if (seen.has(w.idNumber)) problem(`workers.${i}.idNumber`, 'unique', 'appears twice in the list');
    seen.add(w.idNumber);
  });
  return errors;
}

/** `content` against its version's schema, every problem naming its field (`content.boatNumber`) as the decorators' errors do. */
export function procedureContentProblems(procedure: Pick<Procedure, 'validContent'>, content: unknown, at = 'content'): FieldError[] {
  if (procedure.validContent(content ?? {})) return [];
  return (procedure.validContent.errors ?? []).map((e) => contentError(e, at));
}

function contentError(e: ErrorObject, at: string): FieldError {
  const child = e.keyword === 'required' ? e.params.missingProperty : e.keyword === 'additionalProperties' ? e.params.additionalProperty : undefined;
  const path = [at, ...e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')), ...(child === undefined ? [] : [String(child)])].join('.');
  const rest =
    e.keyword === 'required' ? 'is required' : e.keyword === 'additionalProperties' ? 'is not a field of this procedure\'s content' : e.keyword === 'enum' ? `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}` : (e.message ?? 'is invalid');
  return { field: path, constraint: e.keyword, message: `${path} ${rest}` };
}

/** The attachments against the version's documents: each named one a document of it, every required one named (`field`: as sent). */
export function documentProblems(
  procedure: Pick<ProcedureDefinition, 'documents'>,
  attachments: readonly { document?: string | null }[],
  field: (path: string) => string = (path) => path,
): FieldError[] {
  const errors: FieldError[] = [];
  const keys = new Set(procedure.documents.map((d) => d.key));
  attachments.forEach((a, i) => {
    if (a.document && !keys.has(a.document)) {
      const at = field(`attachments.${i}.document`);
      errors.push({ field: at, constraint: 'isIn', message: `${at} must be one of the procedure's documents: ${[...keys].join(', ')}` });
    }
  });
  const named = new Set(attachments.map((a) => a.document));
  const missing = procedure.documents.filter((d) => d.required && !named.has(d.key));
  if (missing.length) {
    const at = field('attachments');
    errors.push({ field: at, constraint: 'requiredDocuments', message: `${at} must include the required ${missing.map((d) => `${d.key} (${d.name})`).join(', ')}` });
  }
  return errors;
}
