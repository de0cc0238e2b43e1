import { FifoSemaphore } from './fifo-semaphore';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('FifoSemaphore', () => {
  it('should run at most `limit` tasks at once and start the waiting ones in arrival order', async () => {
    const gate = new FifoSemaphore(2);
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      gate.run(
        () =>
          new Promise<number>((resolve) => {
            started.push(i);
            finish[i] = () => resolve(i);
          }),
      ),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    finish[1]();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    // A task that arrives now queues behind 3 and 4.
    const late = gate.run(async () => {
      started.push(99);
      return 99;
    });
    finish[0]();
    finish[2]();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    finish[3]();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4, 99]);
    finish[4]();
    expect(await Promise.all([...tasks, late])).toEqual([0, 1, 2, 3, 4, 99]);
    expect(gate.pending).toBe(0);
  });

  it('should free the slot when a task fails', async () => {
    const gate = new FifoSemaphore(1);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
