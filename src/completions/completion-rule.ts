/**
 * THE course completion rule, in one place. CompletionsService.quizGate supplies `quizRequired` (the
 * course has a final quiz) and `quizPassed` (its grade over this validity cycle's finished attempts,
 * by the quiz's grading method, is at least the pass mark).
 */
export interface CompletionFacts {
  lessonsTotal: number;
  lessonsRead: number;
  quizRequired: boolean;
  quizPassed: boolean;
}

export function isCourseComplete(facts: CompletionFacts): boolean {
  if (facts.lessonsTotal <= 0) return false; // a course without lessons cannot be completed by reading
  if (facts.lessonsRead < facts.lessonsTotal) return false;
  return !facts.quizRequired || facts.quizPassed;
}
