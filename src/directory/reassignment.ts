// What an official's or a unit's change of place takes away, in the caller's transaction, audited.
// Revocations are plain DELETEs of grant rows and UPDATEs of principal and official rows, so whatever
// watches those tables (triggers) sees them as any other change.
import type { EntityManager } from 'typeorm';
import type { UnitKind } from '../common/unit-kinds';
import { recordAudit } from '../audit/audit';
import { mayHoldStep } from '../workflow/step-holders';

interface GrantRow {
  official_id: string;
  procedure_code: string;
  step: string;
}

export interface Move {
  officialId: string;
  fromUnit: string;
  toUnit: string;
}

export interface MoveOutcome {
  grantsRevoked: number;
  tokensRevoked: number;
}

/** Deletes the given grants, one audited grant.revoke each. */
async function revokeGrants(m: EntityManager, grants: GrantRow[], unitCode: string, actor: string, reason: string): Promise<void> {
  for (const g of grants) {
    await m.query('DELETE FROM "grant" WHERE official_id = $1 AND procedure_code = $2 AND step = $3', [g.official_id, g.procedure_code, g.step]);
    await recordAudit(m, actor, 'grant.revoke', { officialId: g.official_id, unitCode, procedureCode: g.procedure_code, step: g.step, reason });
  }
}

/**
 * An official now of another unit (the row already says so) keeps nothing of the old one: every grant,
 * every token and the right to sign for the unit go, and the move is audited with both units.
 */
export async function revokeOldUnitAuthority(m: EntityManager, move: Move, actor: string): Promise<MoveOutcome> {
  const grants: GrantRow[] = await m.query(
    'SELECT official_id, procedure_code, step FROM "grant" WHERE official_id = $1 ORDER BY procedure_code, step FOR UPDATE',
    [move.officialId],
  );
  await revokeGrants(m, grants, move.fromUnit, actor, 'official.move');
  const tokens = await revokeOfficialTokens(m, move.officialId, actor, 'move');
  await m.query('UPDATE official SET may_sign = false WHERE id = $1 AND may_sign', [move.officialId]);
  await recordAudit(m, actor, 'official.move', {
    officialId: move.officialId,
    fromUnit: move.fromUnit,
    toUnit: move.toUnit,
    grantsRevoked: grants.map((g) => ({ procedureCode: g.procedure_code, step: g.step })),
    tokensRevoked: tokens,
  });
  return { grantsRevoked: grants.length, tokensRevoked: tokens.length };
}

/**
 * Revokes every token of an official that still works, as plain UPDATEs of their principal rows, each
 * audited; the caller's transaction holds the reason (`rotate` beside the new token, `move`, …).
 */
export async function revokeOfficialTokens(m: EntityManager, officialId: string, actor: string, reason: 'rotate' | 'move'): Promise<string[]> {
  const [rows]: [{ id: string }[], number] = await m.query(
    'UPDATE principal SET revoked_at = now() WHERE official_id = $1 AND revoked_at IS NULL RETURNING id',
    [officialId],
  );
  for (const { id } of rows) await recordAudit(m, actor, 'token.revoke', { principalId: id, kind: 'official', officialId, reason });
  return rows.map((r) => r.id);
}

export interface UnitPlace {
  code: string;
  kind: UnitKind;
  provinceCode: string;
  districtCode: string | null;
}

const place = (u: UnitPlace) => ({ kind: u.kind, provinceCode: u.provinceCode, districtCode: u.districtCode });

export function placeChanged(before: UnitPlace, after: UnitPlace): boolean {
  return before.kind !== after.kind || before.provinceCode !== after.provinceCode || before.districtCode !== after.districtCode;
}

/**
 * A unit whose kind or area changed: audited with both, and its officials lose the grants the new
 * kind may not hold (workflow/step-holders.ts). The officials' jurisdiction follows the unit within a second (PrincipalsService).
 */
export async function revokeUnfitGrants(m: EntityManager, before: UnitPlace, after: UnitPlace, actor: string): Promise<number> {
  const grants: GrantRow[] = await m.query(
    `SELECT g.official_id, g.procedure_code, g.step FROM "grant" g JOIN official o ON o.id = g.official_id
      WHERE o.unit_code = $1 ORDER BY g.official_id, g.procedure_code, g.step FOR UPDATE OF g`,
    [after.code],
  );
  const unfit = grants.filter((g) => !mayHoldStep(g.procedure_code, g.step, after.kind));
  await revokeGrants(m, unfit, after.code, actor, 'unit.change');
  await recordAudit(m, actor, 'unit.change', { unitCode: after.code, from: place(before), to: place(after), grantsRevoked: unfit.length });
  return unfit.length;
}
