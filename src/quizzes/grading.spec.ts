import { creditFor, quizGrade, scoreOf } from './grading';

describe('grading', () => {
  it('should give single choice and true/false full credit only for the keyed option', () => {
    expect(creditFor('single', ['B'], ['B'], false)).toBe(1);
    expect(creditFor('single', ['B'], ['A'], true)).toBe(0);
    expect(creditFor('single', ['B'], undefined, false)).toBe(0);
    expect(creditFor('truefalse', ['false'], ['false'], false)).toBe(1);
    expect(creditFor('truefalse', ['false'], ['true'], false)).toBe(0);
  });

  it('should grade multiple choice all-or-nothing unless partial credit is on', () => {
    expect(creditFor('multiple', ['A', 'C'], ['C', 'A'], false)).toBe(1);
    expect(creditFor('multiple', ['A', 'C'], ['A'], false)).toBe(0);
    expect(creditFor('multiple', ['A', 'C'], ['A', 'B', 'C'], false)).toBe(0);
  });

  it('should subtract wrong ticks under partial credit and never go below zero', () => {
    expect(creditFor('multiple', ['A', 'B', 'C'], ['A'], true)).toBeCloseTo(1 / 3);
    expect(creditFor('multiple', ['A', 'B', 'C'], ['A', 'B', 'D'], true)).toBeCloseTo(1 / 3);
    expect(creditFor('multiple', ['A', 'B'], ['A', 'B', 'C', 'D'], true)).toBe(0); // ticking everything earns nothing
    expect(creditFor('multiple', ['A', 'B'], ['C'], true)).toBe(0);
  });

  it('should score 0-100 with two decimals', () => {
    expect(scoreOf([1, 1, 0])).toBe(66.67);
    expect(scoreOf([1, 0.5, 0, 1])).toBe(62.5);
    expect(scoreOf([])).toBe(0);
  });

  it('should take the highest, last, first or average finished attempt', () => {
    const scores = [40, 90, 70];
    expect(quizGrade('highest', scores)).toBe(90);
    expect(quizGrade('last', scores)).toBe(70);
    expect(quizGrade('first', scores)).toBe(40);
    expect(quizGrade('average', scores)).toBe(66.67);
    expect(quizGrade('highest', [])).toBeNull();
  });
});
