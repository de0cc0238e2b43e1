import { Controller, Get, Param, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { STATUS_LABELS } from './assignment-status';
import { LearningService } from './learning.service';

/** 我的学习 (the caller's) and the learning record of one officer (in the viewer's scope, else 404). */
@ApiExcludeController()
@Controller()
export class LearningPagesController {
  constructor(private readonly learning: LearningService) {}

  @Get('learning')
  @Render('learning/index')
  async index(@CurrentUser() me: Principal) {
    const summary = await this.learning.summary({ id: me.id, username: me.username, name: me.name, unitId: me.unitId });
    const open = summary.assignments.filter((a) => a.status !== 'completed').length;
    return { title: '我的学习', ...summary, open, statusLabels: STATUS_LABELS };
  }

  @Get('users/:id/learning')
  @Render('learning/record')
  async record(@CurrentUser() me: Principal, @Param('id') id: string) {
    const summary = await this.learning.ofUser(me, id);
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
