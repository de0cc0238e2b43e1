/**
 * Bounds on the shape of a parsed request body. The size limit alone does not stop a 30 KB body
 * nested 5,000 levels deep, which overflows the stack of the recursive validation pipe (500).
 * Checked iteratively right after parsing, so every route is covered before any DTO sees the body.
 */
export const BODY_SHAPE_LIMITS = {
  /** Arrays and objects inside each other; no DTO of this app nests more than a few levels. */
  maxDepth: 32,
  /** Keys of one object. */
  maxKeys: 1000,
  /** Items of one array (bulk attendance, assignment user lists stay far below). */
  maxArrayLength: 10_000,
  /** Values in the whole body. */
  maxValues: 100_000,
};

export type BodyShapeProblem = 'too_deep' | 'too_many_fields' | 'forbidden_key';

/**
 * JSON.parse keeps `"__proto__"` as an own key; any naive merge or spread of the body would then set
 * an object's prototype (prototype pollution). No field of this app is called that: refuse it.
 */
const FORBIDDEN_KEY = '__proto__';

export function bodyShapeProblem(value: unknown, limits = BODY_SHAPE_LIMITS): BodyShapeProblem | null {
  const pending: Array<[unknown, number]> = [[value, 0]];
  let values = 0;
  while (pending.length > 0) {
    const [item, depth] = pending.pop() as [unknown, number];
    if (++values > limits.maxValues) return 'too_many_fields';
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > limits.maxDepth) return 'too_deep';
    if (!Array.isArray(item) && Object.hasOwn(item, FORBIDDEN_KEY)) return 'forbidden_key';
    const children: unknown[] = Array.isArray(item) ? item : Object.values(item);
    if (children.length > (Array.isArray(item) ? limits.maxArrayLength : limits.maxKeys)) {
      return 'too_many_fields';
    }
    for (const child of children) pending.push([child, depth + 1]);
  }
  return null;
}
