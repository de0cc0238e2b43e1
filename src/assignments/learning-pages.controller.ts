import { Controller, Get, Param, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { buildPager, pageWindow } from '../common/views/pager';
import { STATUS_LABELS } from './assignment-status';

import { LearningService } from './learning.service';

const LEARNING_PAGE_SIZE = 20;

/** 我的学习 (the caller's) and the learning record of one officer (in the viewer's scope, else 404). */
@ApiExcludeController()
@Controller()
export class LearningPagesController {
  constructor(private readonly learning: LearningService) {}

  /** Assignments come a page at a time (`?page=`), soonest due first. */
  @Get('learning')
  @Render('learning/index')
  async index(@CurrentUser() me: Principal, @Query('page') pageParam: unknown) {
    const window = pageWindow(typeof pageParam === 'string' ? pageParam : undefined, LEARNING_PAGE_SIZE);
    const self = { id: me.id, username: me.username, name: me.name, unitId: me.unitId };
    let summary = await this.learning.summary(self, window);
    let page = window.page;
    if (summary.assignments.length === 0 && summary.assignmentsTotal > 0) {
      // Past the last page (an old link): show the last page rather than "no assignments".
      page = Math.ceil(summary.assignmentsTotal / LEARNING_PAGE_SIZE);
      summary = await this.learning.summary(self, {
        limit: LEARNING_PAGE_SIZE,
        offset: (page - 1) * LEARNING_PAGE_SIZE,
      });
    }
    const pager = buildPager('/learning', {}, page, LEARNING_PAGE_SIZE, summary.assignmentsTotal);
    return {
      title: '我的学习',
      ...summary,
      open: summary.openAssignments,
      pager: pager.pages > 1 ? pager : undefined,
      statusLabels: STATUS_LABELS,
    };
  }

  @Get('users/:id/learning')
  @Render('learning/record')
  async record(@CurrentUser() me: Principal, @Param('id') id: string) {
    // The record shows up to 200 requirements (PAGE_LIMIT_MAX); the API pages beyond that.
    const summary = await this.learning.ofUser(me, id, { limit: 200, offset: 0 });
    const count = (status: string) => summary.assignments.filter((a) => a.status === status).length;
    return {
      title: `学习档案 · ${summary.user.name}`,
      ...summary,
      counts: { pending: count('pending'), overdue: count('overdue'), completed: count('completed') },
      isSelf: summary.user.id === me.id,
      canReport: me.role !== 'officer',
      statusLabels: STATUS_LABELS,
    };
  }
}
