import type { Repository } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import type { TransactionRunner } from '../database/transaction-runner';
import { AuthSessionsService } from './auth-sessions.service';
import type { AuthSession } from './entities/auth-session.entity';

/** resolve() against a stubbed query: the session row, and the writes it asks the runner for. */
function serviceWith(idleMinutes: number, lastSeenMsAgo: number) {
  const row = {
    sessionId: 's1',
    csrfToken: 'c',
    expiresAt: new Date(Date.now() + 3600_000),
    lastSeenAt: new Date(Date.now() - lastSeenMsAgo),
    id: 'u1',
    username: 'officer_a',
    name: '甲',
    role: 'officer',
    unitId: 'unit',
    mustChangePassword: 0,
  };
  const query = {
    innerJoin: () => query,
    select: () => query,
    addSelect: () => query,
    where: () => query,
    andWhere: () => query,
    getRawOne: async () => row,
  };
  const update = jest.fn(async () => ({ affected: 1 }));
  const tx = {
    run: async (work: (em: unknown) => Promise<unknown>) => work({ update }),
  } as unknown as TransactionRunner;
  const config = {
    get: (key: string) => (key === 'SESSION_IDLE_MINUTES' ? idleMinutes : 12),
  } as unknown as AppConfig;
  const repo = { createQueryBuilder: () => query } as unknown as Repository<AuthSession>;
  return { service: new AuthSessionsService(repo, config, tx), update };
}

describe(AuthSessionsService.name, () => {
  it('should revoke a session unused for longer than SESSION_IDLE_MINUTES and report it idle', async () => {
    const { service, update } = serviceWith(30, 31 * 60_000);
    expect(await service.resolve('token', 'bearer')).toBe('idle');
    expect(update).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ id: 's1' }), {
      revokedAt: expect.any(Date),
    });
  });

  it('should write lastSeenAt only when the last recorded use is a minute old or more', async () => {
    const fresh = serviceWith(30, 20_000);
    expect(await fresh.service.resolve('token', 'bearer')).toMatchObject({
      id: 'u1',
      sessionId: 's1',
      via: 'bearer',
    });
    expect(fresh.update).not.toHaveBeenCalled();
    const older = serviceWith(30, 5 * 60_000);
    await older.service.resolve('token', 'bearer');
    expect(older.update).toHaveBeenCalledWith(
      expect.anything(),
      { id: 's1' },
      { lastSeenAt: expect.any(Date) },
    );
  });

  it('should never end a session for being idle when SESSION_IDLE_MINUTES=0', async () => {
    const { service, update } = serviceWith(0, 10 * 3600_000);
    expect(await service.resolve('token', 'cookie')).toMatchObject({ id: 'u1', via: 'cookie' });
    expect(update).toHaveBeenCalledWith(expect.anything(), { id: 's1' }, { lastSeenAt: expect.any(Date) });
  });
});
