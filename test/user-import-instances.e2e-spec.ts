import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { UserImport } from '../src/users/entities/user-import.entity';
import { USER_IMPORT_QUEUE } from '../src/users/import/user-import.queue';
import { UserImportService } from '../src/users/import/user-import.service';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { OrganisationApi, startOrganisationApi } from './utils/organisation-api';
import { obliterateQueues } from './utils/queues';

jest.setTimeout(180_000);

const header = 'username,name,password,role,unit';
const SECRET = 'Instances-Secret-5519';
/** 12 rows: over the 10 imported within the request, so queued. */
const bigFile = (prefix: string) =>
  [
    header,
    ...Array.from({ length: 12 }, (_, i) => `${prefix}${i},多实例${i},${SECRET}${i},officer,甲街道`),
  ].join('\n');
const TEN_MINUTES_AGO = () => new Date(Date.now() - 10 * 60_000);

/** `npm run start:worker` as a process of its own (its own memory), on this file's database and queue prefix. */
async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'worker.ts')],
    {
      cwd: join(__dirname, '..'),
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start:\n${out}`)), 90_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('worker started')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${code}):\n${out}`));
    });
  });
  return child;
}

async function stopWorkerProcess(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Issue 16, finding 5: several app instances and the separate worker share one database and one
 * queue. A queued import finishes whichever process takes its job, and a process that starts fails
 * only imports whose job is gone from Redis, not those another process is running or will run.
 */
describe('queued user imports across app instances and the worker (e2e)', () => {
  let a: TestApp;
  let b: TestApp;
  let c: TestApp | undefined;
  let as: OrganisationApi['as'];
  let worker: ChildProcess | null = null;
  let release = () => undefined as void;

  const queueOf = (t: TestApp) => t.app.get<Queue>(getQueueToken(USER_IMPORT_QUEUE));
  const submit = async (t: TestApp, prefix: string): Promise<string> => {
    const res = await request(t.http)
      .post('/api/users/import')
      .set(as('admin'))
      .set('Content-Type', 'text/csv')
      .send(bigFile(prefix))
      .expect(202);
    return res.body.importId as string;
  };
  const status = async (t: TestApp, id: string) =>
    (await request(t.http).get(`/api/users/imports/${id}`).set(as('admin')).expect(200)).body;
  const until = async (t: TestApp, id: string, done: (state: string) => boolean) => {
    for (let i = 0; i < 240; i++) {
      const body = await status(t, id);
      if (done(body.state)) return body;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`import ${id} stayed ${(await status(t, id)).state}`);
  };
  const ended = (t: TestApp, id: string) => until(t, id, (s) => s === 'succeeded' || s === 'failed');

  beforeAll(async () => {
    ({ t: a, as } = await startOrganisationApi());
    b = await createTestApp({ database: 'same-as-first' });
  });
  afterAll(async () => {
    release();
    await stopWorkerProcess(worker);
    await c?.close();
    await b?.close();
    if (a) await obliterateQueues(a.app, [USER_IMPORT_QUEUE]);
    await a?.close();
  });

  it('imports submitted to either instance all succeed while one instance does not process imports', async () => {
    await queueOf(a).pause(true); // this instance's processor takes no job
    const ids = [
      await submit(a, 'ia1_'),
      await submit(b, 'ib1_'),
      await submit(a, 'ia2_'),
      await submit(b, 'ib2_'),
    ];
    const results = await Promise.all(ids.map((id) => ended(b, id)));
    expect(results.map((r) => [r.state, r.created, r.failure])).toEqual(
      Array(4).fill(['succeeded', 12, null]),
    );
    await apiLogin(a.http, 'ia1_3', `${SECRET}3`);
    await apiLogin(b.http, 'ib2_11', `${SECRET}11`);
  });

  it('the separate worker, a process of its own, runs imports sealed by either instance', async () => {
    await queueOf(b).pause(true); // neither instance processes imports now: only the worker does
    worker = await startWorkerProcess();
    const ids = [await submit(a, 'wa_'), await submit(b, 'wb_')];
    const results = await Promise.all(ids.map((id) => ended(a, id)));
    expect(results.map((r) => [r.state, r.created, r.failure])).toEqual(
      Array(2).fill(['succeeded', 12, null]),
    );
    await apiLogin(b.http, 'wa_0', `${SECRET}0`);
    await stopWorkerProcess(worker);
  });

  it('a third instance starting fails the import whose job is gone, not those running or waiting elsewhere', async () => {
    const imports = a.dataSource.getRepository(UserImport);
    // Instance A runs one import and holds it before writing; with A busy and B paused the next one waits in Redis.
    const service = a.app.get(UserImportService);
    const hashAndInsert = service.hashAndInsert.bind(service);
    const gate = new Promise<void>((resolve) => (release = resolve));
    jest.spyOn(service, 'hashAndInsert').mockImplementation(async (...args) => {
      await gate;
      return hashAndInsert(...args);
    });
    await queueOf(b).pause(true);
    await queueOf(a).resume(true);
    const running = await submit(b, 'run_');
    await until(a, running, (s) => s === 'running');
    const waiting = await submit(b, 'wait_');
    // Both old enough to be taken for orphans if the job in Redis were not looked at.
    await imports.update({ id: running }, { createdAt: TEN_MINUTES_AGO() });
    await imports.update({ id: waiting }, { createdAt: TEN_MINUTES_AGO() });
    const orphan = '00000000-0000-4000-8000-0000000000aa'; // its job went with Redis's data
    const justQueued = '00000000-0000-4000-8000-0000000000bb'; // its job is being added right now
    await imports.insert({
      id: orphan,
      actorId: null,
      actorUsername: 'admin',
      state: 'queued',
      total: 12,
      createdAt: TEN_MINUTES_AGO(),
    });
    await imports.insert({
      id: justQueued,
      actorId: null,
      actorUsername: 'admin',
      state: 'queued',
      total: 12,
    });

    c = await createTestApp({ database: 'same-as-first' });

    expect(await status(c, orphan)).toMatchObject({
      state: 'failed',
      failure: {
        code: 'USER_IMPORT.INTERRUPTED',
        message: '导入因服务重启而中断，未导入任何用户，请重新提交文件',
      },
    });
    expect((await status(c, justQueued)).state).toBe('queued');
    expect((await status(c, running)).state).toBe('running');
    release();
    expect(await ended(c, running)).toMatchObject({ state: 'succeeded', created: 12, failure: null });
    expect(await ended(c, waiting)).toMatchObject({ state: 'succeeded', created: 12, failure: null });
    await apiLogin(c.http, 'wait_5', `${SECRET}5`);
  });

  it('a failure reported late does not overwrite a finished import', async () => {
    const [done] = await a.dataSource
      .getRepository(UserImport)
      .find({ where: { state: 'succeeded' }, take: 1 });
    await a.app.get(UserImportService).markFailed(done.id, 'USER_IMPORT.FAILED', '导入出错');
    expect(await status(a, done.id)).toMatchObject({ state: 'succeeded', created: 12, failure: null });
  });
});
