import express from 'express';
import pinoHttp from 'pino-http';
import { Writable } from 'node:stream';
import request from 'supertest';
import { requestLogOptions } from './request-log';

interface LogLine {
  req: { id?: unknown; method?: string; path?: string; headers?: Record<string, string> };
  res: { statusCode?: number };
  userId?: string | null;
  responseTime?: number;
}

/** Runs one request through pino-http with our options and returns the parsed log lines. */
async function logLinesFor(level: string): Promise<LogLine[]> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const app = express();
  app.use(pinoHttp(requestLogOptions(level, false), sink));
  app.use((req, _res, next) => {
    (req as unknown as { principal: { id: string } }).principal = { id: 'user-42' };
    next();
  });
  app.get('/courses/:id', (_req, res) => {
    res.status(200).json({ ok: true });
  });
  await request(app)
    .get('/courses/c1?q=secret-search')
    .set('Authorization', 'Bearer abc')
    .set('Cookie', 'pt_session=xyz')
    .set('User-Agent', 'Mozilla/5.0 test')
    .set('X-Custom', 'header-value')
    .expect(200);
  return lines.map((l) => JSON.parse(l) as LogLine);
}

describe('request log', () => {
  it('should log method, path, status, response time and user id at info, without headers', async () => {
    const [line] = await logLinesFor('info');
    expect(line.req).toEqual({ id: expect.anything(), method: 'GET', path: '/courses/c1' });
    expect(line.res).toEqual({ statusCode: 200 });
    expect(line.userId).toBe('user-42');
    expect(typeof line.responseTime).toBe('number');
    const text = JSON.stringify(line);
    for (const hidden of ['Mozilla', 'header-value', 'secret-search', 'abc', 'xyz']) {
      expect(text).not.toContain(hidden);
    }
  });

  it('should add headers (secrets redacted) only at debug', async () => {
    const [line] = await logLinesFor('debug');
    expect(line.req.headers?.['user-agent']).toBe('Mozilla/5.0 test');
    expect(line.req.headers?.['x-custom']).toBe('header-value');
    expect(line.req.headers?.authorization).toBe('[Redacted]');
    expect(line.req.headers?.cookie).toBe('[Redacted]');
    expect(line.userId).toBe('user-42');
  });
});
