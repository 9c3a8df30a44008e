import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OfficialEntity } from '../directory/official.entity';

/** The right of one official to act on one step of one procedure. */
@Entity('grant')
export class GrantEntity {
  @PrimaryColumn({ type: 'uuid' })
  officialId: string;

  @ManyToOne(() => OfficialEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'official_id' })
  official?: OfficialEntity;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  procedureCode: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  step: string;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt: Date;
}
