import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A day swap announced by the government: an extra holiday or a worked weekend day. */
@Entity('calendar_day')
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 12 })
  kind: 'holiday' | 'working-day';

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
