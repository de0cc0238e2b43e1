import {
  addMonths,
  bureauDay,
  bureauYear,
  bureauYearRange,
  endOfBureauDay,
  endOfBureauDayOf,
  formatBureauDateTime,
  parseBureauInstant,
  startOfBureauDayOf,
} from './bureau-time';

describe('bureau-time', () => {
  it('should add months on the bureau calendar and clamp to the end of a shorter month', () => {
    expect(addMonths(new Date('2026-03-10T02:00:00Z'), 12).toISOString()).toBe('2027-03-10T02:00:00.000Z');
    // 2026-01-31 10:00 in Shanghai → 2026-02-28 10:00 in Shanghai
    expect(addMonths(new Date('2026-01-31T02:00:00Z'), 1).toISOString()).toBe('2026-02-28T02:00:00.000Z');
    // 23:30 UTC on Jan 31 is already Feb 1 in Shanghai, so one month later is Mar 1 there
    expect(addMonths(new Date('2026-01-31T23:30:00Z'), 1).toISOString()).toBe('2026-02-28T23:30:00.000Z');
  });

  it('should read the year in Asia/Shanghai', () => {
    expect(bureauYear(new Date('2025-12-31T17:00:00Z'))).toBe(2026);
    expect(bureauYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(bureauYearRange(2026).from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(bureauYearRange(2026).to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('should turn a date input into the end of that day in Shanghai', () => {
    expect(endOfBureauDay('2026-06-30')?.toISOString()).toBe('2026-06-30T15:59:59.999Z');
    expect(endOfBureauDay('2026-02-30')).toBeNull();
    expect(endOfBureauDay('30/06/2026')).toBeNull();
    expect(bureauDay(new Date('2026-06-30T15:59:59.999Z'))).toBe('2026-06-30');
  });

  it('should read API due dates in Shanghai whatever the server zone: a bare date is the end of that day', () => {
    expect(parseBureauInstant('2026-06-30')?.toISOString()).toBe('2026-06-30T15:59:59.999Z');
    expect(parseBureauInstant('2026-06-30T12:00:00')?.toISOString()).toBe('2026-06-30T04:00:00.000Z');
    expect(parseBureauInstant('2026-06-30 12:00')?.toISOString()).toBe('2026-06-30T04:00:00.000Z');
    expect(parseBureauInstant('2026-06-30T12:00:00Z')?.toISOString()).toBe('2026-06-30T12:00:00.000Z');
    expect(parseBureauInstant('2026-06-30T12:00:00-05:00')?.toISOString()).toBe('2026-06-30T17:00:00.000Z');
    expect(parseBureauInstant('2026-02-30')).toBeNull();
    expect(parseBureauInstant('abc')).toBeNull();
  });

  it('should put every due date at the end of its day in Beijing, and give the start of that day', () => {
    expect(endOfBureauDayOf(new Date('2026-06-30T01:00:00Z')).toISOString()).toBe('2026-06-30T15:59:59.999Z');
    expect(endOfBureauDayOf(new Date('2026-06-30T16:30:00Z')).toISOString()).toBe('2026-07-01T15:59:59.999Z');
    expect(startOfBureauDayOf(new Date('2026-06-30T16:30:00Z')).toISOString()).toBe(
      '2026-06-30T16:00:00.000Z',
    );
    expect(formatBureauDateTime(new Date('2026-06-30T15:59:59.999Z'))).toBe('2026/06/30 23:59');
  });
});
