import { AppError } from '../common/errors/app-error';

/** "请 X 分钟后再试" (or 秒 under a minute): the person is told how long to wait. */
export function waitMessage(seconds: number): string {
  const wait = seconds < 60 ? `${Math.max(1, Math.ceil(seconds))} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
  return `登录尝试过于频繁，请 ${wait}后再试`;
}

/**
 * 429 AUTH.TOO_MANY_ATTEMPTS with `retryAfterSeconds` in the body; the exception filter also sends it
 * as the Retry-After header.
 */
export class TooManyAttemptsError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(seconds: number) {
    const wait = Math.max(1, Math.ceil(seconds));
    super(429, 'AUTH.TOO_MANY_ATTEMPTS', waitMessage(wait));
    this.retryAfterSeconds = wait;
    Object.assign(this.getResponse() as object, { retryAfterSeconds: wait });
  }
}
