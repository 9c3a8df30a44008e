import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed-in console session. The browser holds a random id in an HttpOnly cookie; the row keeps
 * only its hash, the hash of the token that signed in (so a revoked token ends the session at its
 * next request) and the synchronizer token every console form carries against CSRF.
 */
@Entity('console_session')
@Index('ix_console_session_expires', ['expiresAt'])
export class ConsoleSessionEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  idHash: string;

  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 64 })
  csrfToken: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
