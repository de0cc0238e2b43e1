import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { CurrentActor, type Actor } from '../audit/audit-actor';
import { Roles } from '../auth/decorators/auth.decorators';
import { MAX_REGULATION_TEXT_CHARS, type RegulationTextProblem } from './regulation-text.check';
import { RegulationTextInvalidError, RegulationTextService } from './regulation-text.service';
import { successFlash } from '../common/views/page-options';
import { formText } from '../common/views/form-body';

/** /admin/regulation-text: the admin loads the full 条例 text (pick a file or paste it); checked, then stored. */
@ApiExcludeController()
@Controller('admin/regulation-text')
@Roles('admin')
export class RegulationTextPagesController {
  constructor(private readonly text: RegulationTextService) {}

  @Get()
  form(@Query('saved') saved: string | undefined, @Res() res: Response) {
    const flash =
      saved === '1'
        ? successFlash('条例全文已保存，条例页面现在显示原文。')
        : saved === 'same'
          ? successFlash('上传的全文与当前保存的相同，无需更改。')
          : undefined;
    return res.render('admin/regulation/text', this.view({ flash }));
  }

  @Post()
  async submit(@CurrentActor() actor: Actor, @Body() body: Record<string, unknown>, @Res() res: Response) {
    const markdown = formText(body.text);
    const fileName = formText(body.fileName).trim() || null;
    try {
      const { changed } = await this.text.store(actor, markdown, 'upload', fileName);
      return res.redirect(303, `/admin/regulation-text?saved=${changed ? '1' : 'same'}`);
    } catch (error) {
      if (!(error instanceof RegulationTextInvalidError)) throw error;
      return res.status(400).render(
        'admin/regulation/text',
        this.view({
          text: markdown.slice(0, MAX_REGULATION_TEXT_CHARS),
          errorMessage: error.message,
          problems: error.problems,
        }),
      );
    }
  }

  private view(extra: {
    text?: string;
    errorMessage?: string;
    problems?: RegulationTextProblem[];
    flash?: unknown;
  }) {
    return {
      title: '条例全文',
      status: this.text.status(),
      text: extra.text ?? '',
      errorMessage: extra.errorMessage,
      problems: extra.problems ?? [],
      flash: extra.flash,
    };
  }
}
