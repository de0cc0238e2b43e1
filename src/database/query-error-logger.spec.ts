import { Logger } from '@nestjs/common';
import { QueryErrorLogger } from './query-error-logger';

describe(QueryErrorLogger.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('should log a failed query and its error but never its parameters', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA';
    new QueryErrorLogger().logQueryError(
      new Error('NOT NULL constraint failed: users.name'),
      'INSERT INTO "users" VALUES (?, ?)',
      [null, hash],
    );
    expect(error).toHaveBeenCalledTimes(1);
    const [message] = error.mock.calls[0] as [string];
    expect(message).toContain('NOT NULL constraint failed');
    expect(message).toContain('INSERT INTO "users"');
    expect(message).not.toContain(hash);
  });

  it('should not log each try at a SQLite write lock that another process holds', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    new QueryErrorLogger().logQueryError(
      new Error('SQLITE_BUSY: database is locked'),
      'BEGIN IMMEDIATE TRANSACTION',
    );
    expect(error).not.toHaveBeenCalled();
  });
});
