import { countdownText, examState, windowNote, type ExamFacts } from './exam-state';

const now = new Date('2026-12-08T02:00:00Z');
const facts = (over: Partial<ExamFacts> = {}): ExamFacts => ({
  opensAt: null,
  closesAt: null,
  attemptsLeft: 2,
  hasOpenAttempt: false,
  passed: false,
  attemptsUsed: 0,
  ...over,
});

describe('examState', () => {
  it('is upcoming before the window opens and open inside it', () => {
    expect(examState(facts({ opensAt: new Date('2026-12-09T00:00:00Z') }), now)).toBe('upcoming');
    expect(examState(facts({ closesAt: new Date('2026-12-31T00:00:00Z') }), now)).toBe('open');
  });

  it('is in progress while an attempt is open, whatever else holds', () => {
    expect(examState(facts({ hasOpenAttempt: true, attemptsLeft: 0, passed: true }), now)).toBe(
      'in_progress',
    );
  });

  it('is passed once passed, failed when no attempts are left or the window closed after trying', () => {
    expect(examState(facts({ passed: true, attemptsUsed: 1 }), now)).toBe('passed');
    expect(examState(facts({ attemptsLeft: 0, attemptsUsed: 2 }), now)).toBe('failed');
    expect(examState(facts({ closesAt: new Date('2026-12-01T00:00:00Z'), attemptsUsed: 1 }), now)).toBe(
      'failed',
    );
  });

  it('is closed when the window ended without an attempt', () => {
    expect(examState(facts({ closesAt: new Date('2026-12-01T00:00:00Z') }), now)).toBe('closed');
  });
});

describe('countdown', () => {
  it('reads days and hours, then hours and minutes', () => {
    expect(countdownText(new Date('2026-12-11T06:30:00Z'), now)).toBe('3 天 4 小时');
    expect(countdownText(new Date('2026-12-08T04:15:00Z'), now)).toBe('2 小时 15 分钟');
    expect(countdownText(new Date('2026-12-08T01:00:00Z'), now)).toBe('0 分钟');
  });

  it('says when an upcoming exam opens and how long an open one has left', () => {
    const f = facts({
      opensAt: new Date('2026-12-10T02:00:00Z'),
      closesAt: new Date('2026-12-20T02:00:00Z'),
    });
    expect(windowNote('upcoming', f, now)).toBe('距开始还有 2 天 0 小时');
    expect(windowNote('open', f, new Date('2026-12-19T02:00:00Z'))).toBe('距截止还有 1 天 0 小时');
    expect(windowNote('open', facts(), now)).toBe('不限截止时间');
  });
});
