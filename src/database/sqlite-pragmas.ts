import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/**
 * SQLite in WAL mode with `synchronous = NORMAL` (SQLITE_SYNCHRONOUS, default `normal`): a commit no
 * longer waits for an fsync; the WAL is synced at checkpoints. Every write is serialised on SQLite, so
 * that wait was paid once per write request in a row and capped write throughput. An app crash
 * (even SIGKILL) loses nothing committed; a power loss or OS crash can lose the last commits (`full`
 * keeps them, at that cost).
 */
@Injectable()
export class SqlitePragmas implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.dataSource.options.type === 'postgres') return;
    const mode = this.config.get('SQLITE_SYNCHRONOUS') === 'full' ? 'FULL' : 'NORMAL';
    await this.dataSource.query(`PRAGMA synchronous = ${mode}`);
  }
}
