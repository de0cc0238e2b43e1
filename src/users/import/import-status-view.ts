import type { UserImport, UserImportState } from '../entities/user-import.entity';

export interface ImportStatusView {
  id: string;
  state: UserImportState;
  total: number;
  processed: number;
  created: number;
  /** 0-100, for the progress bar. */
  percent: number;
  failure: { code: string; message: string } | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** What the API and the progress page show of an import (who started it stays in the audit log). */
export function importStatusView(row: UserImport): ImportStatusView {
  const percent =
    row.state === 'succeeded' ? 100 : row.total > 0 ? Math.floor((row.processed / row.total) * 100) : 0;
  return {
    id: row.id,
    state: row.state,
    total: row.total,
    processed: row.processed,
    created: row.created,
    percent,
    failure: row.failureCode ? { code: row.failureCode, message: row.failureMessage ?? '' } : null,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}
