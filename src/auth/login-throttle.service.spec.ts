import type { AppConfig } from '../config/app-config';
import { LoginThrottleService } from './login-throttle.service';
import { TooManyAttemptsError } from './too-many-attempts.error';

const settings: Record<string, unknown> = {
  REDIS_HOST: '127.0.0.1',
  REDIS_PORT: 1, // nothing listens there: Redis is "down"
  REDIS_DB: 0,
  QUEUE_PREFIX: 'pt_unit_throttle',
  LOGIN_WINDOW_SECONDS: 900,
  LOGIN_MAX_FAILURES_PER_PAIR: 3,
  LOGIN_MAX_FAILURES_PER_IP: 100,
  LOGIN_MAX_UNKNOWN_PER_IP: 100,
  LOGIN_MAX_FAILURES_PER_ACCOUNT: 10,
  LOGIN_ACCOUNT_DELAY_SECONDS: 60,
};
/** The names tried here are real accounts (they spend the real-account address budget). */
const real = () => Promise.resolve(true);
const config = { get: (key: string) => settings[key] } as unknown as AppConfig;

describe('LoginThrottleService with Redis down', () => {
  let throttle: LoginThrottleService;
  beforeAll(() => (throttle = new LoginThrottleService(config)));
  afterAll(() => throttle.onModuleDestroy());

  it('should keep counting in memory (insurance limiter) and still refuse past the pair limit', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => throttle.reserve({ username: 'Somebody', ip: '10.0.0.1' }, real)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as unknown);
    expect(refused).toHaveLength(5);
    for (const reason of refused) expect(reason).toBeInstanceOf(TooManyAttemptsError);
    expect((refused[0] as TooManyAttemptsError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it('should let a sign-in through after a success resets the pair', async () => {
    const held = await throttle.reserve({ username: 'another', ip: '10.0.0.2' }, real);
    await throttle.succeeded(held);
    for (let i = 0; i < 3; i++) await throttle.reserve({ username: 'another', ip: '10.0.0.2' }, real);
    await expect(throttle.reserve({ username: 'ANOTHER ', ip: '10.0.0.2' }, real)).rejects.toBeInstanceOf(
      TooManyAttemptsError,
    );
  });
});
