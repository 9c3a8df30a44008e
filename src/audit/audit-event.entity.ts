import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed a grant or a token, when, and what. */
@Entity('audit_event')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** The admin principal, or `cli:<os user>` for administrators at the console. */
  @Column({ type: 'varchar', length: 200 })
  actor: string;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'jsonb' })
  subject: Record<string, unknown>;
}
