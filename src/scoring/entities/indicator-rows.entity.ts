import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../database/column-types';

/** A target set by an administrator (overrides the default in indicators/indicator-catalog.ts). */
@Entity('indicator_targets')
export class IndicatorTarget {
  @PrimaryColumn({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'double precision' }) target: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) updatedById: string | null;
  @TimestampColumn() updatedAt: Date;
}

/** A bureau indicator from another system, per unit and period (imported from CSV). */
@Entity('indicator_imports')
export class IndicatorImport {
  @PrimaryColumn({ type: 'varchar', length: 36 }) unitId: string;
  @PrimaryColumn({ type: 'varchar', length: 7 }) period: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) code: string;
  /** A percentage 0-100 (a rate's value is 100 × numerator / denominator). */
  @Column({ type: 'double precision' }) value: number;
  /** A rate's basis, when the file gave it: parent units roll these up. */
  @Column({ type: 'double precision', nullable: true }) numerator: number | null;
  @Column({ type: 'double precision', nullable: true }) denominator: number | null;
  @TimestampColumn() importedAt: Date;
}

/** A closed period: its stored indicator values are frozen. */
@Entity('indicator_periods')
export class IndicatorPeriod {
  @PrimaryColumn({ type: 'varchar', length: 7 }) period: string;
  @TimestampColumn() closedAt: Date;
  @Column({ type: 'varchar', length: 36, nullable: true }) closedById: string | null;
}

/** 偏差原因 and 改进措施 of one indicator, unit and period: written by the unit's manager or an admin. */
@Entity('indicator_notes')
export class IndicatorNote {
  @PrimaryColumn({ type: 'varchar', length: 36 }) unitId: string;
  @PrimaryColumn({ type: 'varchar', length: 7 }) period: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'text' }) deviationReason: string;
  @Column({ type: 'text' }) improvement: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) updatedById: string | null;
  @TimestampColumn() updatedAt: Date;
}
