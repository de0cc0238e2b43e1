import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { Unit } from '../units/entities/unit.entity';
import { User } from '../users/entities/user.entity';

export interface HomeView {
  role: Principal['role'];
  unit: Unit | null;
  stats: Array<{ label: string; value: string | number; href?: string }>;
  links: Array<{ label: string; href: string; description: string }>;
}

const LINKS: Record<Principal['role'], HomeView['links']> = {
  officer: [
    { label: '我的学习', href: '/learning', description: '查看学习任务、进度、学时和证书' },
    { label: '课程目录', href: '/courses', description: '学习《信访工作条例》与“五个法治化”' },
    { label: '条例查阅', href: '/regulation', description: '按章节、条款查阅条例及相关课程和试题' },
  ],
  trainer: [
    { label: '学习任务', href: '/trainer/assignments', description: '向单位、角色或个人布置课程并设定截止日期' },
    { label: '课程目录', href: '/courses', description: '查看课程内容与题库' },
    { label: '条例查阅', href: '/regulation', description: '条款与课程、试题的对应关系' },
  ],
  manager: [
    { label: '学习情况', href: '/reports/learning', description: '本单位及下级单位的应学、完成、逾期和学时，可导出 CSV' },
    { label: '课程目录', href: '/courses', description: '查看本单位人员需要学习的课程' },
    { label: '条例查阅', href: '/regulation', description: '条款与课程、试题的对应关系' },
  ],
  admin: [
    { label: '单位管理', href: '/admin/units', description: '维护局、科室、区属部门和街道' },
    { label: '用户管理', href: '/admin/users', description: '新增、停用用户，CSV 批量导入' },
    { label: '审计日志', href: '/admin/audit', description: '敏感操作与登录记录' },
  ],
};

@Injectable()
export class HomeService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(User) private readonly users: Repository<User>,
  ) {}

  async forUser(me: Principal): Promise<HomeView> {
    const unit = await this.units.findOneBy({ id: me.unitId });
    const stats: HomeView['stats'] = [];
    if (me.role === 'admin') {
      stats.push({ label: '用户', value: await this.users.count(), href: '/admin/users' });
      stats.push({ label: '单位', value: await this.units.count(), href: '/admin/units' });
    }
    if (me.role === 'manager' && unit) {
      const officers = await this.users
        .createQueryBuilder('u')
        .innerJoin(Unit, 'unit', 'unit.id = u.unitId')
        .where('unit.path LIKE :prefix', { prefix: `${unit.path}%` })
        .andWhere('u.disabled = :d', { d: false })
        .getCount();
      stats.push({ label: '本单位及下级人员', value: officers });
    }
    return { role: me.role, unit, stats, links: LINKS[me.role] };
  }
}
