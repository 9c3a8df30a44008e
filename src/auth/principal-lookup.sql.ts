// The statement that resolves a bearer token's hash to its principal, with the official's unit and
// grants, why a known token does not work (revoked, expired, its official deactivated), and — at most
// once a minute per principal, so requests do not each write — `last_used_at` of a token that works.
// The service's (PrincipalsService, on a cache miss) and the bench floor's (bench/floor-server.ts,
// on every request), so both send the same SQL.
export const PRINCIPAL_BY_TOKEN_HASH = `
  WITH found AS (
    SELECT p.id, p.kind, p.name, p.revoked_at IS NOT NULL AS revoked, COALESCE(p.expires_at <= now(), false) AS expired, p.expires_at,
           o.id AS official_id, o.active AS official_active, u.code AS unit_code, u.kind AS unit_kind,
           u.province_code, u.district_code,
           (SELECT json_agg(json_build_object('procedureCode', g.procedure_code, 'step', g.step))
              FROM "grant" g WHERE g.official_id = o.id) AS grants
      FROM principal p
      LEFT JOIN official o ON o.id = p.official_id
      LEFT JOIN unit u ON u.code = o.unit_code
     WHERE p.token_hash = $1
  ), touched AS (
    UPDATE principal p SET last_used_at = now()
      FROM found f
     WHERE p.id = f.id AND NOT f.revoked AND NOT f.expired AND f.official_active IS NOT false
       AND (p.last_used_at IS NULL OR p.last_used_at < now() - interval '1 minute')
  )
  SELECT * FROM found`;
