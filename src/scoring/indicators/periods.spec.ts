import { currentPeriods, parsePeriod } from './periods';

describe('reporting periods in bureau time (UTC+8)', () => {
  it('a year, a quarter and a month start at local midnight', () => {
    expect(parsePeriod('2025')).toMatchObject({
      kind: 'year',
      start: new Date('2024-12-31T16:00:00Z'),
      end: new Date('2025-12-31T16:00:00Z'),
    });
    expect(parsePeriod('2025-Q2')).toMatchObject({
      kind: 'quarter',
      start: new Date('2025-03-31T16:00:00Z'),
      end: new Date('2025-06-30T16:00:00Z'),
    });
    expect(parsePeriod('2025-12')).toMatchObject({
      kind: 'month',
      start: new Date('2025-11-30T16:00:00Z'),
      end: new Date('2025-12-31T16:00:00Z'),
    });
  });

  it('rejects anything else', () => {
    for (const bad of ['', '25', '2025-Q5', '2025-Q0', '2025-13', '2025-1', '2025-00', '2025/05', ' 2025']) {
      expect(parsePeriod(bad)).toBeNull();
    }
  });

  it('the current periods follow the bureau’s calendar, not UTC', () => {
    // 2025-12-31 17:00 UTC is already 2026-01-01 01:00 in the bureau
    expect(currentPeriods(new Date('2025-12-31T17:00:00Z'))).toEqual(['2026', '2026-Q1', '2026-01']);
    expect(currentPeriods(new Date('2025-12-31T15:00:00Z'))).toEqual(['2025', '2025-Q4', '2025-12']);
  });
});
