import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../../audit/audit-actor';
import { Roles } from '../../auth/decorators/auth.decorators';
import { AppError } from '../../common/errors/app-error';
import { decodeCsvBytes } from './csv-text';
import {
  FIELD_LABELS,
  IMPORT_HEADER_HINT,
  type IndicatorImportProblem,
  type IndicatorImportRow,
} from './indicator-csv';
import { IndicatorImportService } from './indicator-import.service';

const show = (x: number | null) => (x === null ? '' : String(x));

/**
 * /admin/indicators/import: paste or pick a CSV (the page script sends a picked file's bytes as
 * base64, so GBK is decoded here like an API upload), see every row as it would be stored and every
 * problem, then confirm. Confirming checks the text again and stores all rows or none.
 */
@ApiExcludeController()
@Controller('admin/indicators/import')
@Roles('admin')
export class IndicatorImportPagesController {
  constructor(private readonly importer: IndicatorImportService) {}

  @Get()
  form(@Query('imported') imported: string | undefined, @Res() res: Response) {
    const count = Number.parseInt(imported ?? '', 10);
    const flash =
      Number.isFinite(count) && count >= 0
        ? { kind: 'success', message: `导入成功：已保存 ${count} 个指标值` }
        : undefined;
    return res.render('admin/indicators/import', this.view({ flash }));
  }

  @Post()
  async preview(@Body() body: Record<string, unknown>, @Res() res: Response) {
    const file =
      typeof body.csvFile === 'string' && body.csvFile !== ''
        ? decodeCsvBytes(Buffer.from(body.csvFile, 'base64'))
        : null;
    const csv = file ? file.text : typeof body.csv === 'string' ? body.csv : '';
    const { rows, problems } = await this.importer.preview(csv);
    const status = problems.length > 0 ? 400 : 200;
    return res
      .status(status)
      .render(
        'admin/indicators/import',
        this.view({ csv, rows, problems, checked: true, encoding: file?.encoding }),
      );
  }

  @Post('confirm')
  async confirm(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const csv = typeof body.csv === 'string' ? body.csv : '';
    try {
      const { imported } = await this.importer.importCsv(actor, csv);
      return res.redirect(303, `/admin/indicators/import?imported=${imported}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'INDICATOR.IMPORT_INVALID') throw error;
      const problems = Array.isArray(error.errors) ? (error.errors as IndicatorImportProblem[]) : [];
      return res
        .status(400)
        .render(
          'admin/indicators/import',
          this.view({ csv, problems, checked: true, errorMessage: error.message }),
        );
    }
  }

  private view(extra: {
    csv?: string;
    rows?: IndicatorImportRow[];
    problems?: IndicatorImportProblem[];
    checked?: boolean;
    encoding?: string;
    flash?: unknown;
    errorMessage?: string;
  }) {
    const problems = (extra.problems ?? []).map((p) => ({
      ...p,
      fieldLabel: FIELD_LABELS[p.field] ?? p.field,
    }));
    const rows = (extra.rows ?? []).map((r) => ({
      ...r,
      numeratorText: show(r.numerator),
      denominatorText: show(r.denominator),
    }));
    return {
      title: '导入局指标',
      headerHint: IMPORT_HEADER_HINT,
      csv: extra.csv ?? '',
      rows,
      problems,
      ready: extra.checked === true && problems.length === 0 && rows.length > 0,
      encodingText:
        extra.encoding === 'gbk' ? '文件按 GBK 编码读取' : extra.encoding ? '文件按 UTF-8 编码读取' : '',
      flash: extra.flash,
      errorMessage:
        extra.errorMessage ??
        (problems.length > 0 ? `未导入：${problems.length} 处需要修改，改正后重新检查` : undefined),
    };
  }
}
