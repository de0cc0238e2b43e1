import { Unit, UnitKind, ancestorIdsFromPath } from './entities/unit.entity';

/** A unit as the API and pages show it: `depth` 0 is the bureau; `parentId` links the tree. */
export interface UnitView {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  depth: number;
  createdAt: Date;
  /** Retired units keep their history; they are hidden from pickers and new assignments. */
  retired: boolean;
  retiredAt: Date | null;
  /** Active (not disabled) users of this unit itself, and of it and every unit below it. */
  members?: number;
  membersWithSubtree?: number;
}

const KIND_ORDER: Record<UnitKind, number> = { bureau: 0, office: 1, department: 2, street: 3, community: 4 };
const byKindThenName = (a: Unit, b: Unit) =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'zh-CN', { numeric: true });

export const toUnitView = (unit: Unit): UnitView => ({
  id: unit.id,
  name: unit.name,
  kind: unit.kind,
  parentId: unit.parentId,
  depth: ancestorIdsFromPath(unit.path).length - 1,
  createdAt: unit.createdAt,
  retired: !!unit.retiredAt,
  retiredAt: unit.retiredAt ?? null,
});

/** Adds member counts: `counts` holds active users per unit id; a subtree sums its units' own counts. */
export function withMemberCounts(
  units: Array<UnitView & { path?: string }>,
  paths: Map<string, string>,
  counts: Map<string, number>,
): UnitView[] {
  const subtree = new Map<string, number>();
  for (const [unitId, path] of paths) {
    const own = counts.get(unitId) ?? 0;
    if (!own) continue;
    for (const ancestor of ancestorIdsFromPath(path)) {
      subtree.set(ancestor, (subtree.get(ancestor) ?? 0) + own);
    }
  }
  return units.map((u) => ({
    ...u,
    members: counts.get(u.id) ?? 0,
    membersWithSubtree: subtree.get(u.id) ?? 0,
  }));
}

/**
 * Depth-first order (each unit followed by its children; siblings by kind, then name), which is the
 * order an indented tree reads in. Units whose parent is not in the list (a manager's own unit) start
 * the walk.
 */
export function inTreeOrder(units: Unit[]): UnitView[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const key = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(key, [...(children.get(key) ?? []), unit]);
  }
  const out: UnitView[] = [];
  const walk = (parentId: string | null) => {
    for (const unit of (children.get(parentId) ?? []).sort(byKindThenName)) {
      out.push(toUnitView(unit));
      walk(unit.id);
    }
  };
  walk(null);
  return out;
}
