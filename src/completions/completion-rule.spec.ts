import { isCourseComplete } from './completion-rule';

describe('isCourseComplete', () => {
  const base = { lessonsTotal: 3, lessonsRead: 3, quizRequired: false, quizPassed: false };

  it('should complete a course when every lesson is read and no quiz is required', () => {
    expect(isCourseComplete(base)).toBe(true);
  });

  it('should not complete a course while a lesson is unread', () => {
    expect(isCourseComplete({ ...base, lessonsRead: 2 })).toBe(false);
  });

  it('should not complete a course that has no lessons', () => {
    expect(isCourseComplete({ ...base, lessonsTotal: 0, lessonsRead: 0 })).toBe(false);
  });

  it('should require a passed quiz when the course requires one', () => {
    expect(isCourseComplete({ ...base, quizRequired: true, quizPassed: false })).toBe(false);
    expect(isCourseComplete({ ...base, quizRequired: true, quizPassed: true })).toBe(true);
  });

  it('should not let a passed quiz stand in for unread lessons', () => {
    expect(isCourseComplete({ ...base, lessonsRead: 1, quizRequired: true, quizPassed: true })).toBe(false);
  });
});
