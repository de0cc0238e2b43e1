import { monthGrid, parseMonth } from './month-grid';

describe('month grid', () => {
  it('should start weeks on Monday and place sessions on their Shanghai day', () => {
    // 2026-12-01 is a Tuesday; 2026-12-09T17:00Z is 10 December in Shanghai
    const weeks = monthGrid(
      2026,
      12,
      [{ startsAt: new Date('2026-12-09T17:00:00Z') }],
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(weeks[0][0].day).toBeNull();
    expect(weeks[0][1].day).toBe(1);
    const cell = weeks.flat().find((c) => c.day === 10);
    expect(cell?.items).toHaveLength(1);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('should read YYYY-MM as the month in Shanghai and fall back to the current month', () => {
    expect(parseMonth('2026-12').from.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(parseMonth('2026-13', new Date('2026-05-05T00:00:00Z')).month).toBe(5);
  });
});
