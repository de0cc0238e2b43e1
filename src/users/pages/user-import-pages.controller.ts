import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../../audit/audit-actor';
import { Roles } from '../../auth/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { formFailure } from '../../common/forms/form-validation';
import { describeImportProblems } from '../import/import-problem-messages';
import { IMPORT_COLUMNS, ImportProblem, MAX_IMPORT_ROWS } from '../import/user-csv.parser';
import { importStatusView } from '../import/import-status-view';
import { UserImportService } from '../import/user-import.service';
import { successFlash } from '../../common/views/page-options';
import { formText } from '../../common/views/form-body';

const STATE_LABELS = {
  queued: '排队中',
  running: '正在处理',
  succeeded: '已完成',
  failed: '未完成',
} as const;

/** /admin/users/import: paste or pick a CSV file; shows every row problem, or how many were created. */
@ApiExcludeController()
@Controller('admin/users/import')
@Roles('admin')
export class UserImportPagesController {
  constructor(private readonly importer: UserImportService) {}

  @Get()
  form(@Query('created') created: string | undefined, @Res() res: Response) {
    const count = Number.parseInt(created ?? '', 10);
    const flash =
      Number.isFinite(count) && count >= 0 ? successFlash(`导入成功：已创建 ${count} 个用户`) : undefined;
    return res.render('admin/users/import', this.view({ flash }));
  }

  @Post()
  async submit(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const csv = formText(body.csv);
    try {
      const outcome = await this.importer.import(actor, csv);
      if (outcome.kind === 'queued') return res.redirect(303, `/admin/users/import/${outcome.importId}`);
      return res.redirect(303, `/admin/users/import?created=${outcome.created}`);
    } catch (error) {
      const failure = formFailure(error);
      if (!failure) throw error;
      const problems =
        error instanceof AppError && Array.isArray(error.errors) ? (error.errors as ImportProblem[]) : [];
      return res
        .status(failure.status)
        .render('admin/users/import', this.view({ csv, errorMessage: failure.message, problems }));
    }
  }

  /** Progress bar while the queued import runs (a small script polls the JSON status), then its result. */
  @Get(':id')
  async progress(@Param('id') id: string, @Res() res: Response) {
    const status = importStatusView(await this.importer.status(id));
    const running = status.state === 'queued' || status.state === 'running';
    return res.render('admin/users/import-progress', {
      title: running ? '正在导入用户' : status.state === 'succeeded' ? '导入完成' : '导入未完成',
      status,
      running,
      succeeded: status.state === 'succeeded',
      stateLabel: STATE_LABELS[status.state],
    });
  }

  private view(extra: { csv?: string; errorMessage?: string; problems?: ImportProblem[]; flash?: unknown }) {
    return {
      title: '批量导入用户',
      columns: IMPORT_COLUMNS.join(','),
      maxRows: MAX_IMPORT_ROWS,
      csv: extra.csv ?? '',
      errorMessage: extra.errorMessage,
      problems: describeImportProblems(extra.csv ?? '', extra.problems ?? []),
      flash: extra.flash,
    };
  }
}
