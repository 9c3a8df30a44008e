import { Column, PrimaryColumn } from 'typeorm';
import type { JsonObject } from '../common/canonical-json';
import type { EventActor } from '../common/event-actor';

/**
 * The columns every append-only history shares (dossiers, feedback): the entry's number (the
 * aggregate's version it made), who, the data, when, and the hash chaining it to the entry before.
 */
export abstract class LedgerEventColumns {
  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'jsonb' })
  actor: EventActor;

  @Column({ type: 'jsonb', nullable: true })
  data: JsonObject | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ type: 'char', length: 64, nullable: true })
  prevHash: string | null;
}
