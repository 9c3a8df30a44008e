// Pure: every procedure version defined in code, with its machine.
import { createProcedureMachine, type ProcedureMachine } from '../procedure.machine';
import type { ProcedureDefinition } from '../types';
import { unpaidLeaveSupportV1, unpaidLeaveSupportV2 } from './unpaid-leave-support.procedure';
import { wageLoanSupportV1 } from './wage-loan-support.procedure';

export interface Procedure extends ProcedureDefinition {
  machine: ProcedureMachine;
}

/** Every version ever defined. Which one new dossiers get is data (procedures publish). */
export const PROCEDURES: readonly Procedure[] = [unpaidLeaveSupportV1, unpaidLeaveSupportV2, wageLoanSupportV1].map(
  (def) => ({ ...def, machine: createProcedureMachine(def) }),
);

/** Versions published when a database is first seeded. */
export const INITIALLY_PUBLISHED: Record<string, number> = { 'unpaid-leave-support': 1, 'wage-loan-support': 1 };

export function findProcedure(code: string, version: number): Procedure | undefined {
  return PROCEDURES.find((p) => p.code === code && p.version === version);
}

/** The procedure a stored dossier was received under; every version ever stored stays defined in code. */
export function procedureOf(d: { procedureCode: string; procedureVersion: number }): Procedure {
  const procedure = findProcedure(d.procedureCode, d.procedureVersion);
  if (!procedure) throw new Error(`procedure ${d.procedureCode}@${d.procedureVersion} is not defined in code`);
  return procedure;
}

export function procedureCodes(): string[] {
  return [...new Set(PROCEDURES.map((p) => p.code))];
}
