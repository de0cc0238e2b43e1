import { Controller, Get, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators/auth.decorators';
import type { Principal } from '../auth/principal';
import { CapabilityService } from './capability.service';
import { DIMENSIONS } from './model/capability-model';

const DIMENSION_LABELS: Record<string, string> = {
  prevention: '预防法治化',
  acceptance: '受理法治化',
  handling: '办理法治化',
  supervision: '监督追责法治化',
  order: '维护秩序法治化',
};

/**
 * 能力分构成: the officer's own score, by dimension, with what it is made of (the stored breakdown).
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
    return {
      title: '我的能力分',
      c,
      dimensions: DIMENSIONS.map((d) => ({ label: DIMENSION_LABELS[d], score: c.dimensions[d], questions: c.breakdown.dimensions[d].questions })),
      components: c.breakdown.components.map((x) => ({ ...x, share: Math.round(x.effectiveWeight * 100) })),
    };
  }
}
