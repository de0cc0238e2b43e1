import type { Role } from '../users/entities/user.entity';

export interface NavItem {
  href: string;
  label: string;
  roles: Role[];
}

/** The main menu, by role. Features add their pages here. */
export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: '首页', roles: ['officer', 'trainer', 'manager', 'admin'] },
  { href: '/learning', label: '我的学习', roles: ['officer'] },
  { href: '/my/sessions', label: '我的培训', roles: ['officer'] },
  { href: '/courses', label: '课程中心', roles: ['officer', 'trainer', 'manager', 'admin'] },
  { href: '/my/exams', label: '我的考试', roles: ['officer'] },
  { href: '/practice', label: '练习', roles: ['officer'] },
  { href: '/trainer/assignments', label: '学习任务', roles: ['trainer', 'admin'] },
  { href: '/trainer/sessions', label: '培训安排', roles: ['trainer', 'admin'] },
  { href: '/trainer/exams', label: '考试管理', roles: ['trainer', 'admin'] },
  { href: '/trainer/notices', label: '通知公告', roles: ['trainer', 'admin'] },
  { href: '/trainer/sessions/attendance', label: '培训考勤', roles: ['manager'] },
  { href: '/reports/learning', label: '学习情况', roles: ['manager', 'admin'] },
  { href: '/regulation', label: '条例', roles: ['officer', 'trainer', 'manager', 'admin'] },
  { href: '/search', label: '搜索', roles: ['officer', 'trainer', 'manager', 'admin'] },
  { href: '/admin/units', label: '单位', roles: ['admin'] },
  { href: '/admin/users', label: '用户', roles: ['admin'] },
  { href: '/admin/audit', label: '审计日志', roles: ['admin'] },
  { href: '/admin/content', label: '内容导入', roles: ['admin'] },
  { href: '/my/capability', label: '我的能力分', roles: ['officer'] },
  { href: '/indicators', label: '质量指标', roles: ['manager', 'admin'] },
  { href: '/reports/competency', label: '能力看板', roles: ['manager', 'admin'] },
  { href: '/reports/yearly', label: '年度报告', roles: ['manager', 'admin'] },
  { href: '/admin/scoring', label: '能力分计算', roles: ['admin'] },
  { href: '/notifications', label: '消息', roles: ['officer', 'trainer', 'manager', 'admin'] },
  { href: '/account/password', label: '修改密码', roles: ['officer', 'trainer', 'manager', 'admin'] },
];

export function navFor(role: Role, currentPath: string): Array<NavItem & { active: boolean }> {
  return NAV_ITEMS.filter((item) => item.roles.includes(role)).map((item) => ({
    ...item,
    active: item.href === '/' ? currentPath === '/' : currentPath.startsWith(item.href),
  }));
}
