import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { CertificatesService } from './certificates.service';
import { CreditsService } from './credits.service';
import { CreditsQueryDto } from './dto/credits-query.dto';

/** The caller's 学时 and certificates, and public certificate verification. */
@ApiTags('completions')
@Controller('api')
export class CompletionsController {
  constructor(
    private readonly credits: CreditsService,
    private readonly certificates: CertificatesService,
  ) {}

  @ApiBearerAuth()
  @Get('me/credits')
  myCredits(@CurrentUser() me: Principal, @Query() query: CreditsQueryDto) {
    return this.credits.yearly(me.id, query.year ?? this.credits.currentYear());
  }

  @ApiBearerAuth()
  @Get('me/certificates')
  myCertificates(@CurrentUser() me: Principal, @Query() page: PageQueryDto) {
    return this.certificates.listForUser(me.id, page.limit, page.offset);
  }

  /** Public: `{status: valid | expired | unknown, code, name?, courseTitle?, completedAt?, expiresAt?}`. */
  @Public()
  @Get('verify/:code')
  verify(@Param('code') code: string) {
    return this.certificates.verify(code);
  }
}
