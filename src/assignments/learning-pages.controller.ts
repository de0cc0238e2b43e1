import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { STATUS_LABELS } from './assignment-status';
import { LearningService } from './learning.service';

/** 我的学习: the caller's assignments, this year's 学时 and certificates. */
@ApiExcludeController()
@Controller('learning')
export class LearningPagesController {
  constructor(private readonly learning: LearningService) {}

  @Get()
  @Render('learning/index')
  async index(@CurrentUser() me: Principal) {
    const summary = await this.learning.summary({ id: me.id, username: me.username, name: me.name, unitId: me.unitId });
    const open = summary.assignments.filter((a) => a.status !== 'completed').length;
    return { title: '我的学习', ...summary, open, statusLabels: STATUS_LABELS };
  }
}
