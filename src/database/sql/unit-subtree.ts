/**
 * The one unit-subtree condition. A unit's `path` is its ancestors' ids and its own, each followed by
 * `/` (`/root/child/`), so a unit is in another's subtree (itself included) exactly when its path
 * starts with the other's path: one indexed `LIKE 'prefix%'` on both SQLite and PostgreSQL.
 */

/** `pathSql` (a column or `:param` holding a path) lies in the subtree of the unit whose path is `ancestorPathSql`. */
export const inUnitSubtree = (pathSql: string, ancestorPathSql: string): string =>
  `${pathSql} LIKE (${ancestorPathSql} || '%')`;

/** `pathSql` lies in the subtree whose path prefix is bound as `:param`; bind it with {@link subtreePrefix}. */
export const inUnitSubtreeOf = (pathSql: string, param: string): string => `${pathSql} LIKE :${param}`;

/** The value to bind for {@link inUnitSubtreeOf}: every path that starts with this unit's path. */
export const subtreePrefix = (unitPath: string): string => `${unitPath}%`;
