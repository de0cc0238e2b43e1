import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { ACTIONABLE } from './exam-state';
import { MyExamsService } from './my-exams.service';
import { TrainerExamsService } from './trainer-exams.service';

@Injectable()
export class ExamsPageService {
  constructor(
    private readonly mineService: MyExamsService,
    private readonly trainerService: TrainerExamsService,
  ) {}

  async mine(me: Principal) {
    const exams = await this.mineService.forOfficer(me);
    return {
      title: '我的考试',
      current: exams.filter((e) => ACTIONABLE.has(e.state)),
      past: exams.filter((e) => !ACTIONABLE.has(e.state)),
    };
  }

  async trainer() {
    const rows = await this.trainerService.list();
    return {
      title: '考试管理',
      exams: rows.map((r) => ({
        ...r,
        passRate: r.officers > 0 ? `${Math.round((100 * r.passedOfficers) / r.officers)}%` : '—',
      })),
    };
  }
}
