import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiErrors, FORBIDDEN, UNAUTHENTICATED } from '../common/openapi/api-errors';
import { MyExamsService, type MyExam } from './my-exams.service';

@ApiTags('quizzes')
@ApiBearerAuth()
@Controller('api/me/exams')
export class ExamsController {
  constructor(private readonly exams: MyExamsService) {}

  @Get()
  @Roles('officer')
  @ApiErrors(UNAUTHENTICATED, FORBIDDEN)
  @ApiOperation({
    summary: '我的考试：面向我的考试（如年度考试）和我被布置课程的结业测验，含时间窗口、剩余次数和状态',
  })
  @ApiResponse({
    status: 200,
    description:
      '[{quizId, title, kind: course|exam, opensAt, closesAt, attemptsLeft, state: upcoming|open|in_progress|passed|failed|closed}]（答题中、可参加、未开始在前）',
  })
  async mine(@CurrentUser() me: Principal) {
    return (await this.exams.forOfficer(me)).map(examSummary);
  }
}

/** The API's fields of a line of 我的考试 (the page's labels and links stay on the page). */
const examSummary = ({ quizId, title, kind, opensAt, closesAt, attemptsLeft, state }: MyExam) => ({
  quizId,
  title,
  kind,
  opensAt,
  closesAt,
  attemptsLeft,
  state,
});
