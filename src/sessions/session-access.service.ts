import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ScopeService } from '../units/scope.service';
import { AttendanceService, RosterRow } from './attendance.service';
import { TrainingSession } from './entities/training-session.entity';
import { SessionQueriesService } from './session-queries.service';
import { SessionErrors } from './sessions.errors';

/** Who may run a session's roster: trainers and admins all of it, a venue coordinator their venue's part. */
@Injectable()
export class SessionAccessService {
  constructor(
    private readonly sessions: SessionQueriesService,
    private readonly attendance: AttendanceService,
    private readonly scope: ScopeService,
  ) {}

  /** null = the whole roster; a list = only these venues (coordinator). Others: 403. */
  async markingVenues(me: Principal, session: TrainingSession): Promise<string[] | null> {
    if (me.role === 'trainer' || me.role === 'admin') return null;
    const venues = await this.sessions.coordinatedVenueIds(me.id, session.id);
    if (venues.length === 0) throw SessionErrors.notCoordinator();
    return venues;
  }

  /** Trainers, coordinators (their venues), managers (their unit subtree). Officers: 403. */
  async roster(me: Principal, session: TrainingSession): Promise<RosterRow[]> {
    if (me.role === 'manager' && !(await this.sessions.isCoordinator(me.id, session.id))) {
      return this.attendance.roster(session.id, { scopePrefix: await this.scope.unitPathPrefix(me) });
    }
    return this.attendance.roster(session.id, { venueIds: await this.markingVenues(me, session) });
  }
}
