import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuthSession } from '../../src/auth/entities/auth-session.entity';
import { hashToken } from '../../src/auth/auth-sessions.service';
import type { Unit } from '../../src/units/entities/unit.entity';
import { User } from '../../src/users/entities/user.entity';
import { UnitMembership } from '../../src/units/membership/unit-membership.entity';
import { ORGANISATION_SINCE } from '../factories/organisation.factory';

const CHUNK = 100;

/**
 * Many signed-in officers at once: users and API sessions inserted in batches, bearer tokens returned.
 * Far faster than hashing a password and signing in per officer; the sessions are real rows that the
 * AuthGuard resolves like any other.
 */
export async function createSignedInOfficers(
  ds: DataSource,
  unit: Unit,
  count: number,
  prefix = 'bulk',
): Promise<Array<{ id: string; token: string }>> {
  const officers = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    token: randomBytes(32).toString('base64url'),
    i,
  }));
  const expiresAt = new Date(Date.now() + 12 * 3600_000);
  for (let from = 0; from < count; from += CHUNK) {
    const chunk = officers.slice(from, from + CHUNK);
    await ds.getRepository(User).insert(
      chunk.map((o) => ({
        id: o.id,
        username: `${prefix}_${o.i}`,
        name: `批量学员${o.i}`,
        role: 'officer' as const,
        unitId: unit.id,
        disabled: false,
        passwordHash: 'not-a-hash',
      })),
    );
    await ds.getRepository(UnitMembership).insert(
      chunk.map((o) => ({
        id: randomUUID(),
        userId: o.id,
        unitId: unit.id,
        role: 'officer',
        validFrom: ORGANISATION_SINCE,
      })),
    );
    await ds.getRepository(AuthSession).insert(
      chunk.map((o) => ({
        tokenHash: hashToken(o.token),
        userId: o.id,
        kind: 'api' as const,
        csrfToken: randomBytes(24).toString('base64url'),
        ip: null,
        userAgent: 'bulk',
        expiresAt,
      })),
    );
  }
  return officers.map(({ id, token }) => ({ id, token }));
}
