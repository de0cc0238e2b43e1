import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * SQLite stores `datetime` as UTC text; PostgreSQL gets `timestamptz` so instants survive any server
 * time zone. Decorators run at import time, so the choice reads DB_TYPE from the environment
 * (validated later by ConfigModule; an invalid value fails start-up there).
 */
export const isPostgresEnv = (): boolean => process.env.DB_TYPE === 'postgres';
export const timestampType = (): 'timestamptz' | 'datetime' => (isPostgresEnv() ? 'timestamptz' : 'datetime');

export const TimestampColumn = (options: ColumnOptions = {}) => Column({ type: timestampType(), ...options });
export const CreatedAtColumn = () => CreateDateColumn({ type: timestampType() });
export const UpdatedAtColumn = () => UpdateDateColumn({ type: timestampType() });
