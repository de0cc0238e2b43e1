/**
 * Where an officer stands with one exam (a course's 结业测验 or a standalone exam such as the annual
 * exam), from the quiz's window and the officer's attempts. Pure, so the list, the API and the home
 * page agree.
 */
export type ExamState = 'upcoming' | 'open' | 'in_progress' | 'passed' | 'failed' | 'closed';

export const EXAM_STATE_LABELS: Record<ExamState, string> = {
  upcoming: '未开始',
  open: '可参加',
  in_progress: '答题中',
  passed: '已通过',
  failed: '未通过',
  closed: '已结束',
};

export interface ExamFacts {
  opensAt: Date | null;
  closesAt: Date | null;
  attemptsLeft: number;
  hasOpenAttempt: boolean;
  passed: boolean;
  attemptsUsed: number;
}

export function examState(f: ExamFacts, now: Date): ExamState {
  if (f.hasOpenAttempt) return 'in_progress';
  if (f.passed) return 'passed';
  if (f.opensAt && now < f.opensAt) return 'upcoming';
  if (f.closesAt && now >= f.closesAt) return f.attemptsUsed > 0 ? 'failed' : 'closed';
  return f.attemptsLeft > 0 ? 'open' : 'failed';
}

/** States an officer can still act on, shown first and on 首页. */
export const ACTIONABLE: ReadonlySet<ExamState> = new Set(['in_progress', 'open', 'upcoming']);

const MINUTE = 60_000;

/** 「还剩 3 天 4 小时」: the time to `target`, coarse enough to stay true for the page's life. */
export function countdownText(target: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((target.getTime() - now.getTime()) / MINUTE));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} 天 ${hours} 小时`;
  if (hours > 0) return `${hours} 小时 ${minutes % 60} 分钟`;
  return `${minutes} 分钟`;
}

/** The line under an exam's title: when it opens, or how long is left to take it. */
export function windowNote(state: ExamState, f: ExamFacts, now: Date): string | null {
  if (state === 'upcoming' && f.opensAt) return `距开始还有 ${countdownText(f.opensAt, now)}`;
  if ((state === 'open' || state === 'in_progress') && f.closesAt) {
    return `距截止还有 ${countdownText(f.closesAt, now)}`;
  }
  if (state === 'open') return '不限截止时间';
  return null;
}
