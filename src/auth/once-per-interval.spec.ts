import { OncePerInterval } from './once-per-interval';

describe('OncePerInterval', () => {
  it('should say yes once per key and interval', () => {
    const once = new OncePerInterval(1000);
    expect(once.firstIn('a', 0)).toBe(true);
    expect(once.firstIn('a', 500)).toBe(false);
    expect(once.firstIn('b', 500)).toBe(true);
    expect(once.firstIn('a', 1000)).toBe(true);
  });

  it('should stay bounded under a flood of distinct keys', () => {
    const once = new OncePerInterval(60_000, 100);
    for (let i = 0; i < 1000; i++) expect(once.firstIn(`k${i}`, 0)).toBe(true);
    expect((once as unknown as { until: Map<string, number> }).until.size).toBeLessThanOrEqual(100);
  });
});
