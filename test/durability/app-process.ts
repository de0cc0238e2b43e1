import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');

/** A free loopback port, found by letting the OS pick one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The real app (src/main.ts through ts-node, so no build is needed) as a child process on loopback.
 * Its output goes to a log file, which is printed when it fails to come up.
 */
export class AppProcess {
  private child?: ChildProcess;
  readonly baseUrl: string;

  constructor(
    private readonly env: Record<string, string>,
    private readonly logFile: string,
    /** `src/worker.ts` for the scoring worker, which has no HTTP port: then start() waits for its log line. */
    private readonly entry = 'src/main.ts',
  ) {
    this.baseUrl = `http://127.0.0.1:${env.PORT}`;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', this.entry], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    let exited = false;
    child.once('exit', () => (exited = true));
    let last = 'no answer';
    for (const started = Date.now(); Date.now() - started < timeoutMs; await delay(200)) {
      if (exited) throw new Error(`the app exited while starting:\n${this.logTail()}`);
      const ok =
        this.entry === 'src/main.ts'
          ? await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2000) }).then(
              // Serving once the database is up: with SCORING_WORKER=false and no worker, /health names the queue down (503).
              async (r) => (
                (last = `${r.status} ${await r.text()}`),
                r.ok || /"db":\{"status":"up"\}/.test(last)
              ),
              (error: unknown) => ((last = String(error)), false),
            )
          : this.logTail().includes('scoring worker started');
      if (ok) return;
    }
    throw new Error(
      `${this.entry} was not ready within ${timeoutMs} ms (last /health: ${last}):\n${this.logTail()}`,
    );
  }

  /** SIGKILL: no shutdown hook runs, whatever was in flight is cut off. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: the normal shutdown. Answers `killed` when it had to SIGKILL after `graceMs`. */
  stop(graceMs = 15_000): Promise<'exited' | 'killed'> {
    return this.signal('SIGTERM', graceMs);
  }

  private async signal(signal: NodeJS.Signals, graceMs = 15_000): Promise<'exited' | 'killed'> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return 'exited';
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    let outcome: 'exited' | 'killed' = 'exited';
    const timer = setTimeout(() => {
      outcome = 'killed';
      child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
    return signal === 'SIGKILL' ? 'exited' : outcome;
  }

  logTail(): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
