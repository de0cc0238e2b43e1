import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { PAGE_LIMIT_DEFAULT } from '../common/dto/page-query.dto';
import { CertificatesService } from '../completions/certificates.service';
import { CreditsService } from '../completions/credits.service';
import { Unit } from '../units/entities/unit.entity';
import { ScopeService } from '../units/scope.service';
import { User } from '../users/entities/user.entity';
import { AssignmentReportsService } from './assignment-reports.service';

export interface AssignmentPage {
  limit: number;
  offset: number;
}
const FIRST_PAGE: AssignmentPage = { limit: PAGE_LIMIT_DEFAULT, offset: 0 };

/** One officer's learning at a glance: assignments, this year's 学时 and certificates. */
@Injectable()
export class LearningService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly scope: ScopeService,
    private readonly reports: AssignmentReportsService,
    private readonly credits: CreditsService,
    private readonly certificates: CertificatesService,
  ) {}

  /** Self, a manager of the officer's subtree, trainers and admins; anyone else gets 404. */
  async ofUser(me: Principal, userId: string, page: AssignmentPage = FIRST_PAGE) {
    const user = await this.em.findOneBy(User, { id: userId });
    await this.scope.assertCanSeeUser(me, user);
    const target = user as User;
    return this.summary({ id: target.id, username: target.username, name: target.name, unitId: target.unitId }, page);
  }

  /** `assignments` is one page of them (a load test left 729 on one officer); the counts cover all. */
  async summary(user: { id: string; username: string; name: string; unitId: string }, page: AssignmentPage = FIRST_PAGE) {
    const unit = await this.em.findOneBy(Unit, { id: user.unitId });
    const [assignments, credits, certificates] = await Promise.all([
      this.reports.pageForUser(user.id, page.limit, page.offset),
      this.credits.yearly(user.id, this.credits.currentYear()),
      this.certificates.listForUser(user.id, 200, 0),
    ]);
    return {
      user: { id: user.id, username: user.username, name: user.name, unitId: user.unitId, unitName: unit?.name ?? null },
      assignments: assignments.items,
      assignmentsTotal: assignments.total,
      openAssignments: assignments.open,
      credits,
      certificates: certificates.items,
    };
  }
}
