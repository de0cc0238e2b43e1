import type { NextFunction, Request, Response } from 'express';

/**
 * Nothing the app renders or answers may be kept by the browser or a proxy: after 退出 the Back
 * button must not show the previous person's page, and API answers carry personal data. Registered
 * after the static assets, which keep their own caching (they never reach this middleware).
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}
