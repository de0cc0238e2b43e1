import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';

/** The part of the auth guard's request this log reads (structural, so common/ imports no feature). */
type SignedInRequest = { principal?: { id?: string } };

const VERBOSE_LEVELS = ['debug', 'trace'];

/**
 * pino-http options for the request log: one line per request with method, path (no query),
 * status, response time and the signed-in user's id. Headers (authorization and cookies redacted)
 * and the query string only at `debug`/`trace`: at `info` every header of every request made the
 * development log grow by about 2 KB a request.
 */
export function requestLogOptions(level: string, pretty: boolean): Options {
  const verbose = VERBOSE_LEVELS.includes(level);
  return {
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/assets/') || req.url === '/favicon.ico' },
    customProps: (req: IncomingMessage) => ({
      userId: (req as IncomingMessage & SignedInRequest).principal?.id ?? null,
    }),
    ...(verbose
      ? {}
      : {
          serializers: {
            req: (req: { id?: unknown; method?: string; url?: string }) => ({
              id: req.id,
              method: req.method,
              path: (req.url ?? '').split('?')[0],
            }),
            res: (res: ServerResponse | { statusCode?: number }) => ({ statusCode: res.statusCode }),
          },
        }),
    transport: pretty ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
  };
}
