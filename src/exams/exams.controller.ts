import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { MyExamsService } from './my-exams.service';

@ApiTags('quizzes')
@ApiBearerAuth()
@Controller('api/me/exams')
export class ExamsController {
  constructor(private readonly exams: MyExamsService) {}

  @Get()
  @Roles('officer')
  @ApiOperation({
    summary: '我的考试：面向我的考试（如年度考试）和我被布置课程的结业测验，含时间窗口、剩余次数和状态',
  })
  @ApiResponse({
    status: 200,
    description:
      '[{quizId, title, kind: course|exam, opensAt, closesAt, attemptsLeft, state: upcoming|open|in_progress|passed|failed|closed}]（答题中、可参加、未开始在前）',
  })
  @ApiResponse({ status: 401, description: 'AUTH.UNAUTHENTICATED：未登录' })
  @ApiResponse({ status: 403, description: 'AUTH.FORBIDDEN：只有学员有自己的考试' })
  async mine(@CurrentUser() me: Principal) {
    const exams = await this.exams.forOfficer(me);
    return exams.map(({ quizId, title, kind, opensAt, closesAt, attemptsLeft, state }) => ({
      quizId,
      title,
      kind,
      opensAt,
      closesAt,
      attemptsLeft,
      state,
    }));
  }
}
