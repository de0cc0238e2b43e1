import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { AppConfig } from '../config/app-config';
import { CertificatesService } from './certificates.service';
import { CreditsService } from './credits.service';
import { CreditsQueryDto } from './dto/credits-query.dto';
import { ApiErrors, INVALID, UNAUTHENTICATED } from '../common/openapi/api-errors';

/** The caller's 学时 and certificates, and public certificate verification. */
@ApiTags('completions')
@Controller('api')
export class CompletionsController {
  constructor(
    private readonly credits: CreditsService,
    private readonly certificates: CertificatesService,
    private readonly config: AppConfig,
  ) {}

  @ApiBearerAuth()
  @Get('me/credits')
  @ApiOperation({ summary: '我某一年的学时（北京时间的自然年，默认今年）：{year, totalHours, entries}' })
  @ApiErrors(INVALID, UNAUTHENTICATED)
  myCredits(@CurrentUser() me: Principal, @Query() query: CreditsQueryDto) {
    return this.credits.yearly(me.id, query.year ?? this.credits.currentYear());
  }

  @ApiBearerAuth()
  @Get('me/certificates')
  @ApiOperation({ summary: '我的培训合格证书，新的在前' })
  @ApiErrors(INVALID, UNAUTHENTICATED)
  myCertificates(@CurrentUser() me: Principal, @Query() page: PageQueryDto) {
    return this.certificates.listForUser(me.id, page.limit, page.offset);
  }

  /** Public: `{status: valid | expired | unknown, code, name?, courseTitle?, completedAt?, expiresAt?, issuer?}`. */
  @Public()
  @Get('verify/:code')
  @ApiOperation({
    summary: '核验证书编号（公开）：status 为 valid、expired 或 unknown，只返回姓名、课程和日期',
  })
  @ApiErrors([400, 'REQUEST.INVALID_CHARACTER：编号中含有控制字符'])
  async verify(@Param('code') code: string) {
    const result = await this.certificates.verify(code);
    return result.status === 'unknown'
      ? result
      : { ...result, issuer: this.config.get('CERTIFICATE_ISSUER') };
  }
}
