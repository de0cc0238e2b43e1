import { TooManyAttemptsError, waitMessage } from './too-many-attempts.error';

describe('TooManyAttemptsError', () => {
  it('should say how long to wait in minutes, or seconds under a minute', () => {
    expect(waitMessage(900)).toBe('登录尝试过于频繁，请 15 分钟后再试');
    expect(waitMessage(61)).toBe('登录尝试过于频繁，请 2 分钟后再试');
    expect(waitMessage(20)).toBe('登录尝试过于频繁，请 20 秒后再试');
  });

  it('should carry retryAfterSeconds in the JSON body', () => {
    const error = new TooManyAttemptsError(42.2);
    expect(error.getResponse()).toMatchObject({
      statusCode: 429,
      code: 'AUTH.TOO_MANY_ATTEMPTS',
      retryAfterSeconds: 43,
    });
  });
});
