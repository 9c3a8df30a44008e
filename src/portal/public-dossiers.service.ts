import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error';
import { isTaxCode } from '../common/vn-identifiers';
import { DossierEntity } from '../dossiers/dossier.entity';
import { findProcedure } from '../workflow/definitions';
import { type ApologyDates, type DoneStep, publicDossierView } from './public-dossier-view';

@Injectable()
export class PublicDossiersService {
  constructor(private readonly db: DataSource) {}

  /** The same lookups read from `db` (the replica, when it is fresh enough). */
  on(db: DataSource): PublicDossiersService {
    return db === this.db ? this : new PublicDossiersService(db);
  }

  /**
   * Unknown code, wrong tax code and malformed tax code answer alike (docs/api.md: a wrong tax code is
   * a 404), so the endpoint does not confirm that a code exists.
   */
  async lookup(portalCode: string, taxCode: string, now: Date) {
    const d = isTaxCode(taxCode) ? await this.db.getRepository(DossierEntity).findOneBy({ portalCode, taxCode }) : null;
    const procedure = d && findProcedure(d.procedureCode, d.procedureVersion);
    if (!d || !procedure) throw notFound('PUBLIC_DOSSIER_NOT_FOUND', 'no dossier has this code and tax code');
    const [steps, apologies]: [DoneStep[], ApologyDates[]] = await Promise.all([
      this.db.query(
        `SELECT coalesce(from_state, to_state) AS step, coalesce(action, type) AS action, at
           FROM dossier_event WHERE dossier_id = $1 ORDER BY seq`,
        [d.id],
      ),
      this.db.query(
        `SELECT number, original_return_date AS "originalReturnDate", new_return_date AS "newReturnDate", created_at AS "issuedAt"
           FROM apology WHERE dossier_id = $1 ORDER BY created_at`,
        [d.id],
      ),
    ]);
    return publicDossierView(d, procedure, steps, apologies, now);
  }
}
