import type { UnitView } from '../../units/unit-tree';
import { ROLE_LABELS, ROLES } from '../entities/user.entity';

/** Units indented by depth (full-width spaces survive in <option> text), for the pickers. */
export const unitOptions = (units: UnitView[], selected?: unknown) =>
  units.map((u) => ({ value: u.id, label: `${'\u3000'.repeat(u.depth)}${u.name}${u.retired ? '（已撤销）' : ''}`, selected: u.id === selected }));

export const roleOptions = (selected?: unknown) => ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], selected: r === selected }));

/**
 * PRG flash messages by code: the query string names a message, it never carries text. Own keys
 * only (`?ok=constructor` is no message), and a repeated `?ok=` (an array) is none either.
 */
export function flashFor(messages: Record<string, string>, ok?: unknown) {
  return typeof ok === 'string' && Object.hasOwn(messages, ok) ? { kind: 'success', message: messages[ok] } : undefined;
}
