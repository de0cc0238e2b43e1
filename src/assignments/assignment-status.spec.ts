import { assignmentStatus, effectiveDueAt } from './assignment-status';

describe('assignment status', () => {
  const dueAt = new Date('2026-06-30T16:00:00Z');
  const before = new Date('2026-06-01T00:00:00Z');
  const after = new Date('2026-07-15T00:00:00Z');

  it('should be completed while a completion is valid, even past the due date', () => {
    expect(assignmentStatus({ dueAt, validCompletion: true, lastExpiredAt: null }, after, 30)).toBe(
      'completed',
    );
  });

  it('should be pending before the due date and overdue after it', () => {
    expect(assignmentStatus({ dueAt, validCompletion: false, lastExpiredAt: null }, before, 30)).toBe(
      'pending',
    );
    expect(assignmentStatus({ dueAt, validCompletion: false, lastExpiredAt: null }, after, 30)).toBe(
      'overdue',
    );
  });

  it('should never be overdue for an officer who joined after the due date', () => {
    const facts = { dueAt, validCompletion: false, lastExpiredAt: null, memberAtDue: false };
    expect(assignmentStatus(facts, after, 30)).toBe('pending');
    expect(assignmentStatus({ ...facts, validCompletion: true }, after, 30)).toBe('completed');
  });

  it('should re-open as pending for the grace period after a completion expired', () => {
    const lastExpiredAt = new Date('2026-07-10T00:00:00Z');
    // 30 days after the expiry is 9 August (08:00 in Beijing): due at the end of that day there.
    expect(effectiveDueAt({ dueAt, lastExpiredAt }, 30).toISOString()).toBe('2026-08-09T15:59:59.999Z');
    expect(
      assignmentStatus(
        { dueAt, validCompletion: false, lastExpiredAt },
        new Date('2026-08-09T15:00:00Z'),
        30,
      ),
    ).toBe('pending');
    expect(assignmentStatus({ dueAt, validCompletion: false, lastExpiredAt }, after, 30)).toBe('pending');
    expect(
      assignmentStatus(
        { dueAt, validCompletion: false, lastExpiredAt },
        new Date('2026-08-10T00:00:00Z'),
        30,
      ),
    ).toBe('overdue');
  });

  it('should keep the assignment due date when an old expiry plus grace is earlier', () => {
    const lastExpiredAt = new Date('2025-01-01T00:00:00Z');
    expect(effectiveDueAt({ dueAt, lastExpiredAt }, 30)).toEqual(dueAt);
    expect(assignmentStatus({ dueAt, validCompletion: false, lastExpiredAt }, before, 30)).toBe('pending');
  });
});
