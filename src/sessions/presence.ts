import { TrainingSession } from './entities/training-session.entity';

const MINUTE = 60_000;
/** 签退 is offered as the main action from this long before the end; earlier it asks to confirm. */
export const CHECKOUT_WINDOW_MS = 15 * MINUTE;

/**
 * What a check-out at `now` records: presence from the later of check-in and start to the earlier of
 * now and the end; below the session's minimum ratio it is 早退 (`left_early`).
 */
export function presenceAt(
  session: Pick<TrainingSession, 'startsAt' | 'endsAt' | 'minPresenceRatio'>,
  checkedInAt: Date,
  now: Date,
): { presenceMinutes: number; requiredMinutes: number; early: boolean } {
  const from = Math.max(checkedInAt.getTime(), session.startsAt.getTime());
  const to = Math.min(now.getTime(), session.endsAt.getTime());
  const presenceMinutes = Math.max(0, Math.floor((to - from) / MINUTE));
  const durationMinutes = Math.max(
    1,
    Math.floor((session.endsAt.getTime() - session.startsAt.getTime()) / MINUTE),
  );
  const ratio = Number(session.minPresenceRatio);
  return {
    presenceMinutes,
    requiredMinutes: Math.ceil(durationMinutes * ratio),
    early: presenceMinutes / durationMinutes < ratio,
  };
}

/** Within the last minutes of the session (or after its end): 签退 is the expected next step. */
export const nearEnd = (session: Pick<TrainingSession, 'endsAt'>, now: Date): boolean =>
  now.getTime() >= session.endsAt.getTime() - CHECKOUT_WINDOW_MS;
