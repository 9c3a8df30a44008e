import type { JsonObject } from '../common/canonical-json';
import type { EventActor } from '../common/event-actor';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DossierEntity } from './dossier.entity';

/** Append-only history; `hash` chains each event to the one before it. */
@Entity('dossier_event')
export class DossierEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  dossierId: string;

  @ManyToOne(() => DossierEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 30 })
  type: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  action: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  fromState: string | null;

  @Column({ type: 'varchar', length: 40 })
  toState: string;

  @Column({ type: 'jsonb' })
  actor: EventActor;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data: JsonObject | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ type: 'char', length: 64, nullable: true })
  prevHash: string | null;
}
