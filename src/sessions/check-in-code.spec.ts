import { checkInCode, matchCode, SLOT_MS, slotOf } from './check-in-code';

describe('check-in codes', () => {
  const secret = 'a'.repeat(64);
  const at = new Date('2026-12-01T02:00:10Z');

  it('should accept the current and the previous slot only', () => {
    const now = slotOf(at);
    expect(matchCode(secret, 's1', checkInCode(secret, 's1', now), at)).toEqual({ kind: 'valid', slot: now });
    expect(matchCode(secret, 's1', checkInCode(secret, 's1', now - 1), at)).toEqual({
      kind: 'valid',
      slot: now - 1,
    });
    expect(matchCode(secret, 's1', checkInCode(secret, 's1', now - 2), at).kind).toBe('expired');
  });

  it('should bind a code to its session', () => {
    const code = checkInCode(secret, 's1', slotOf(at));
    expect(checkInCode(secret, 's2', slotOf(at))).not.toBe(code);
    expect(matchCode(secret, 's2', code, at).kind).not.toBe('valid');
  });

  it('should rotate every 30 seconds', () => {
    expect(slotOf(new Date(at.getTime() + SLOT_MS))).toBe(slotOf(at) + 1);
    expect(checkInCode(secret, 's1', 1)).toMatch(/^\d{6}$/);
  });
});
