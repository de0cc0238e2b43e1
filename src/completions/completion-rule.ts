/**
 * THE course completion rule, in one place. Today no course requires a quiz (the quiz feature comes
 * later): callers pass `quizRequired: false`. When quizzes land, CompletionsService.quizGate supplies
 * `quizRequired = course has a final quiz` and `quizPassed = a finished attempt scored >= passMark`.
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
