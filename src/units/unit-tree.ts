import { Unit, UnitKind, ancestorIdsFromPath } from './entities/unit.entity';

/** A unit as the API and pages show it: `depth` 0 is the bureau; `parentId` links the tree. */
export interface UnitView {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  depth: number;
  createdAt: Date;
}

const KIND_ORDER: Record<UnitKind, number> = { bureau: 0, office: 1, department: 2, street: 3 };
const byKindThenName = (a: Unit, b: Unit) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'zh-CN');

export const toUnitView = (unit: Unit): UnitView => ({
  id: unit.id,
  name: unit.name,
  kind: unit.kind,
  parentId: unit.parentId,
  depth: ancestorIdsFromPath(unit.path).length - 1,
  createdAt: unit.createdAt,
});

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
