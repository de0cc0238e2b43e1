import { Request } from 'express';

/** JSON for the API (and clients that ask for JSON); HTML pages for everything else. */
export function wantsJson(req: Request): boolean {
  const path = req.path ?? req.url ?? '';
  if (path.startsWith('/api') || path === '/health') return true;
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

export function clientAddress(req: Request): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}
