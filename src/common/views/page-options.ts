/** What a unit picker needs of a unit; the units feature's UnitView fits it. */
export interface UnitChoice {
  id: string;
  name: string;
  depth: number;
  retired?: boolean;
}

/** Units indented by depth (full-width spaces survive in <option> text), for the pickers. */
export const unitOptions = (units: UnitChoice[], selected?: unknown) =>
  units.map((u) => ({ value: u.id, label: `${'\u3000'.repeat(u.depth)}${u.name}${u.retired ? '（已撤销）' : ''}`, selected: u.id === selected }));

/**
 * PRG flash messages by code: the query string names a message, it never carries text. Own keys
 * only (`?ok=constructor` is no message), and a repeated `?ok=` (an array) is none either.
 */
export function flashFor(messages: Record<string, string>, ok?: unknown) {
  return typeof ok === 'string' && Object.hasOwn(messages, ok) ? successFlash(messages[ok]) : undefined;
}

/** The one shape views/partials/flash.hbs renders. */
export const successFlash = (message: string) => ({ kind: 'success' as const, message });
