import { ROLE_LABELS } from '../users/entities/user.entity';
import type { TargetView } from './assignments.service';

/** How a target reads on the pages, e.g. "甲街道（含下级）· 信访干部". */
export function targetLabel(t: TargetView): string {
  const role = t.role ? ROLE_LABELS[t.role] : null;
  if (t.kind === 'user') return `人员：${t.userName ?? t.userId ?? ''}`;
  if (t.kind === 'role') return `全局：${role ?? ''}`;
  const unit = `${t.unitName ?? t.unitId ?? ''}${t.includeSubtree ? '（含下级）' : ''}`;
  return role ? `${unit} · ${role}` : unit;
}

/** Targets of one assignment as one line; unit × role rows of the same unit are merged. */
export function targetsLabel(targets: TargetView[]): string {
  const units = new Map<string, { base: TargetView; roles: string[] }>();
  const others: string[] = [];
  for (const t of targets) {
    if (t.kind !== 'unit') {
      others.push(targetLabel(t));
      continue;
    }
    const key = `${t.unitId}|${t.includeSubtree}`;
    const entry = units.get(key) ?? { base: { ...t, role: null }, roles: [] };
    if (t.role) entry.roles.push(ROLE_LABELS[t.role]);
    units.set(key, entry);
  }
  const unitLabels = [...units.values()].map(
    ({ base, roles }) => `${targetLabel(base)}${roles.length ? ` · ${roles.join('、')}` : ''}`,
  );
  return [...unitLabels, ...others].join('；');
}
