import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { ExamsPageService } from './exams-page.service';

/** 考试中心: 我的考试 for officers, 考试管理 (each exam's item analysis) for trainers and admins. */
@ApiExcludeController()
@Controller()
export class ExamsPagesController {
  constructor(private readonly page: ExamsPageService) {}

  @Get('my/exams')
  @Roles('officer')
  @Render('exams/mine')
  mine(@CurrentUser() me: Principal) {
    return this.page.mine(me);
  }

  @Get('trainer/exams')
  @Roles('trainer', 'admin')
  @Render('exams/trainer')
  trainer() {
    return this.page.trainer();
  }
}
