import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LedgerEventColumns } from '../ledger/ledger-event';
import { DossierEntity } from './dossier.entity';

/** Append-only history; `hash` chains each event to the one before it. */
@Entity('dossier_event')
export class DossierEventEntity extends LedgerEventColumns {
  @PrimaryColumn({ type: 'uuid' })
  dossierId: string;

  @ManyToOne(() => DossierEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  @Column({ type: 'varchar', length: 30 })
  type: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  action: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  fromState: string | null;

  @Column({ type: 'varchar', length: 40 })
  toState: string;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;
}
