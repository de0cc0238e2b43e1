import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { CapabilityService } from './capability.service';
import { weakArticleLinks } from './capability-view';

/**
 * 能力分构成: the officer's own score (cap-2), by dimension with answers, interval and why 未评定, and the participation figures beside it.
 * 我的能力分 (/my/capability, the reports feature) links here.
 */
@ApiExcludeController()
@Controller('my/capability/breakdown')
export class CapabilityPagesController {
  constructor(private readonly capability: CapabilityService) {}

  @Get()
  @Roles('officer')
  @Render('scoring/my-capability')
  async mine(@CurrentUser() me: Principal) {
    const c = await this.capability.capabilityOf(me, me.id);
    const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
    return {
      title: '我的能力分',
      c,
      dimensions: c.dimensions.map((d) => ({
        ...d,
        weakLinks: weakArticleLinks(d.weakArticles, (n) => `/regulation/articles/${n}`),
      })),
      participation: {
        ...c.participation,
        attendancePct: pct(c.participation.attendanceRate),
        coursePct: pct(c.participation.courseRate),
      },
    };
  }
}
