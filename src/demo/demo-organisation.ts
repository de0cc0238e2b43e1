import type { UnitKind } from '../units/entities/unit.entity';
import type { Role } from '../users/entities/user.entity';

/** The demo bureau: a district 信访局 with 科室, 区属部门 and 街道. Names of people are invented. */
export const DEMO_UNITS: Array<{ key: string; name: string; kind: UnitKind; parent?: string }> = [
  { key: 'bureau', name: '天河区信访局', kind: 'bureau' },
  { key: 'office', name: '办公室', kind: 'office', parent: 'bureau' },
  { key: 'reception', name: '来访接待科', kind: 'office', parent: 'bureau' },
  { key: 'supervision', name: '督查督办科', kind: 'office', parent: 'bureau' },
  { key: 'hrss', name: '区人力资源和社会保障局', kind: 'department', parent: 'bureau' },
  { key: 'housing', name: '区住房和建设局', kind: 'department', parent: 'bureau' },
  { key: 'shipai', name: '石牌街道', kind: 'street', parent: 'bureau' },
  { key: 'wushan', name: '五山街道', kind: 'street', parent: 'bureau' },
  { key: 'linhe', name: '林和街道', kind: 'street', parent: 'bureau' },
  { key: 'tianhenan', name: '天河南街道', kind: 'street', parent: 'bureau' },
];

export const DEMO_ACCOUNTS: Array<{ username: string; name: string; role: Role; unit: string }> = [
  { username: 'admin', name: '系统管理员', role: 'admin', unit: 'office' },
  { username: 'trainer', name: '陈培训', role: 'trainer', unit: 'office' },
  { username: 'manager', name: '林主任', role: 'manager', unit: 'shipai' },
  { username: 'officer', name: '王小明', role: 'officer', unit: 'shipai' },
];

const SURNAMES = ['李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
];
const OFFICER_UNITS = [
  'reception',
  'supervision',
  'hrss',
  'housing',
  'shipai',
  'wushan',
  'linhe',
  'tianhenan',
];

/** 30 more officers spread over the units, deterministic so screenshots and docs stay stable. */
export function demoOfficers(): Array<{ username: string; name: string; role: Role; unit: string }> {
  return Array.from({ length: 30 }, (_, i) => ({
    username: `officer${String(i + 1).padStart(2, '0')}`,
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
    role: 'officer' as Role,
    unit: OFFICER_UNITS[i % OFFICER_UNITS.length],
  }));
}
