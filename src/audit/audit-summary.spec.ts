import { summariseChange } from './audit-summary';

describe(summariseChange.name, () => {
  it('should list only the fields that changed', () => {
    expect(summariseChange({ name: '张三', role: 'officer' }, { name: '张三丰', role: 'officer' })).toBe(
      'name: 张三 → 张三丰',
    );
  });

  it('should list the values of a one-sided entry', () => {
    expect(summariseChange(null, { created: 2, usernames: ['a', 'b'] })).toBe('created=2；usernames=a、b');
  });

  it('should clip long summaries', () => {
    const summary = summariseChange(null, { text: 'x'.repeat(500) });
    expect(summary.length).toBeLessThanOrEqual(160);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('should show instants in Beijing time, as the pages do (defect 15)', () => {
    expect(summariseChange(null, { dueAt: '2026-12-31T15:59:59.999Z' })).toBe(
      'dueAt=2026/12/31 23:59（北京时间）',
    );
  });
});
