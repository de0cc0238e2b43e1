import type { TargetView } from './assignments.service';
import { targetsLabel } from './target-label';

const base: TargetView = {
  kind: 'unit',
  unitId: 'u1',
  unitName: '甲街道',
  includeSubtree: true,
  role: null,
  userId: null,
  userName: null,
};

describe('targetsLabel', () => {
  it('should merge the role rows of one unit and list people and roles after the units', () => {
    const label = targetsLabel([
      { ...base, role: 'officer' },
      { ...base, role: 'manager' },
      { ...base, kind: 'user', unitId: null, unitName: null, userId: 'x', userName: '张三' },
      { ...base, kind: 'role', unitId: null, unitName: null, role: 'trainer' },
    ]);
    expect(label).toBe('甲街道（含下级） · 信访干部、负责人；人员：张三；全局：培训管理员');
  });

  it('should not claim the subtree when only the unit itself was assigned', () => {
    expect(targetsLabel([{ ...base, includeSubtree: false }])).toBe('甲街道');
  });
});
