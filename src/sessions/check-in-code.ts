import { createHmac } from 'node:crypto';

/** Codes rotate every 30 s; the current and the previous slot are accepted (a code shown just before the turn still works). */
export const SLOT_MS = 30_000;
/** A code this many slots old (or fewer) is reported as expired rather than wrong. */
export const EXPIRED_LOOKBACK_SLOTS = 240;

export const slotOf = (at: Date): number => Math.floor(at.getTime() / SLOT_MS);

/** Six digits: HMAC-SHA256(secret, sessionId:slot), so nothing has to be stored per code. */
export function checkInCode(secret: string, sessionId: string, slot: number): string {
  const digest = createHmac('sha256', secret).update(`${sessionId}:${slot}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export type CodeMatch = { kind: 'valid'; slot: number } | { kind: 'expired' } | { kind: 'wrong' };

export function matchCode(secret: string, sessionId: string, code: string, at: Date): CodeMatch {
  const now = slotOf(at);
  for (const slot of [now, now - 1]) {
    if (checkInCode(secret, sessionId, slot) === code) return { kind: 'valid', slot };
  }
  for (let slot = now - 2; slot >= now - EXPIRED_LOOKBACK_SLOTS; slot--) {
    if (checkInCode(secret, sessionId, slot) === code) return { kind: 'expired' };
  }
  return { kind: 'wrong' };
}
