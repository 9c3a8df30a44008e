import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { PrincipalKind } from '../common/principal';
import { OfficialEntity } from '../directory/official.entity';

/** Who calls the API; its token is kept only as a SHA-256 hash. */
@Entity('principal')
export class PrincipalEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: PrincipalKind;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  officialId: string | null;

  @ManyToOne(() => OfficialEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'official_id' })
  official?: OfficialEntity;

  @Index('uq_principal_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** null: never expires (tokens issued so, and those issued before tokens could expire). */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
