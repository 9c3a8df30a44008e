// The statement that resolves a bearer token's hash to its principal, with the official's unit and
// grants: the service's (PrincipalsService) and the bench floor's (bench/floor-server.ts), so both
// send the same SQL.
export const PRINCIPAL_BY_TOKEN_HASH = `SELECT p.id, p.kind, p.name, p.last_used_at, o.id AS official_id, u.code AS unit_code, u.kind AS unit_kind,
        u.province_code, u.district_code,
        (SELECT json_agg(json_build_object('procedureCode', g.procedure_code, 'step', g.step))
           FROM "grant" g WHERE g.official_id = o.id) AS grants
   FROM principal p
   LEFT JOIN official o ON o.id = p.official_id
   LEFT JOIN unit u ON u.code = o.unit_code
  WHERE p.token_hash = $1 AND p.revoked_at IS NULL AND (p.official_id IS NULL OR o.active)`;
