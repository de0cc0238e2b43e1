import { AppError } from '../common/errors/app-error';

/** "请 X 分钟后再试" (or 秒 under a minute): the person is told how long to wait. */
export function waitMessage(seconds: number, what = '登录尝试过于频繁'): string {
  const wait = seconds < 60 ? `${Math.max(1, Math.ceil(seconds))} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
  return `${what}，请 ${wait}后再试`;
}

/**
 * 429 AUTH.TOO_MANY_ATTEMPTS with `retryAfterSeconds` in the body; the exception filter also sends it
 * as the Retry-After header. `what` names what was refused (login by default, or a password change).
 */
export class TooManyAttemptsError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(seconds: number, what?: string) {
    const wait = Math.max(1, Math.ceil(seconds));
    super(429, 'AUTH.TOO_MANY_ATTEMPTS', waitMessage(wait, what));
    this.retryAfterSeconds = wait;
    Object.assign(this.getResponse() as object, { retryAfterSeconds: wait });
  }
}
