import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

export type RunState = 'queued' | 'running' | 'finished' | 'failed';

/** One full recompute: progress is counted from scoring_run_chunks (see ScoringRunsService). */
@Entity('scoring_runs')
export class ScoringRun {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 10 }) scope: 'all';
  @Column({ type: 'varchar', length: 10 }) trigger: 'api' | 'nightly';
  @Column({ type: 'varchar', length: 10 }) state: RunState;
  @Column({ type: 'integer', default: 0 }) officersTotal: number;
  @Column({ type: 'integer', default: 0 }) chunksTotal: number;
  @Column({ type: 'varchar', length: 500, nullable: true }) error: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) requestedById: string | null;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) startedAt: Date | null;
  @TimestampColumn({ nullable: true }) finishedAt: Date | null;
}
