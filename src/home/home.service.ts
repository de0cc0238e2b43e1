import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AssignmentReportsService } from '../assignments/assignment-reports.service';
import type { Principal } from '../auth/principal';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';
import { OfficerHome, OfficerHomeService } from './officer-home.service';
import { inUnitSubtreeOf, subtreePrefix } from '../database/sql/unit-subtree';

export interface RecentAssignment {
  id: string;
  courseTitle: string;
  dueAt: Date;
  assigned: number;
  completed: number;
  overdue: number;
}

export interface HomeView {
  role: Principal['role'];
  unit: Unit | null;
  stats: Array<{ label: string; value: string | number; href?: string }>;
  links: Array<{ label: string; href: string; description: string }>;
  officer?: OfficerHome;
  recentAssignments?: RecentAssignment[];
}

const REGULATION_LINK = { label: '条例查阅', href: '/regulation', description: '条款与课程、试题的对应关系' };

const LINKS: Record<Principal['role'], HomeView['links']> = {
  // The officer's home is a to-do list; the menu already leads to 我的学习, 课程中心 and 条例.
  officer: [],
  trainer: [
    {
      label: '学习任务',
      href: '/trainer/assignments',
      description: '向单位、角色或个人布置课程并设定截止日期',
    },
    { label: '课程中心', href: '/courses', description: '查看课程内容与题库' },
    REGULATION_LINK,
  ],
  manager: [
    {
      label: '学习情况',
      href: '/reports/learning',
      description: '本单位及下级单位的应学、完成、逾期和学时，可导出 CSV',
    },
    { label: '课程中心', href: '/courses', description: '查看本单位人员需要学习的课程' },
    REGULATION_LINK,
  ],
  admin: [
    { label: '单位管理', href: '/admin/units', description: '维护局、科室、区属部门、街道和社区' },
    { label: '用户管理', href: '/admin/users', description: '新增、停用用户，CSV 批量导入' },
    { label: '审计日志', href: '/admin/audit', description: '敏感操作与登录记录' },
  ],
};

@Injectable()
export class HomeService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly officerHome: OfficerHomeService,
    private readonly reports: AssignmentReportsService,
  ) {}

  async forUser(me: Principal): Promise<HomeView> {
    const unit = await this.units.findOneBy({ id: me.unitId });
    const view: HomeView = { role: me.role, unit, stats: [], links: LINKS[me.role] };
    if (me.role === 'officer') view.officer = await this.officerHome.forOfficer(me);
    if (me.role === 'admin') {
      const [active, disabled, units] = await Promise.all([
        this.users.countBy({ disabled: false }),
        this.users.countBy({ disabled: true }),
        this.activeUnits(),
      ]);
      view.stats.push({ label: '在用账号', value: active, href: '/admin/users?status=active' });
      view.stats.push({ label: '已停用账号', value: disabled, href: '/admin/users?status=disabled' });
      view.stats.push({ label: '在用单位', value: units, href: '/admin/units' });
    }
    if (me.role === 'trainer') {
      const { items, total } = await this.reports.list(5, 0);
      view.recentAssignments = items.map((a) => ({
        id: a.id,
        courseTitle: a.courseTitle,
        dueAt: a.dueAt,
        assigned: a.assigned,
        completed: a.completed,
        overdue: a.overdue,
      }));
      view.stats.push({ label: '已布置的学习任务', value: total, href: '/trainer/assignments' });
    }
    if (me.role === 'manager' && unit) {
      const people = await this.users
        .createQueryBuilder('u')
        .innerJoin(Unit, 'unit', 'unit.id = u.unitId')
        .where(inUnitSubtreeOf('unit.path', 'prefix'), { prefix: subtreePrefix(unit.path) })
        .andWhere('u.disabled = :d', { d: false })
        .getCount();
      view.stats.push({ label: '本单位及下级人员', value: people });
    }
    return view;
  }

  /** Retired units keep their history but are not counted as part of the organisation today. */
  private async activeUnits(): Promise<number> {
    return this.units.countBy({ retiredAt: IsNull() });
  }
}
