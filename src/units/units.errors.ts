import { AppError, badRequest } from '../common/errors/app-error';
import { invalid } from '../common/errors/common.errors';

/** Every error code units/ throws, with the message people see. A code lives in exactly one catalogue. */
export const UnitErrors = {
  moveUnitRequired: () => invalid('请选择要移动的单位'),
  moveParentRequired: () => invalid('请选择新的上级单位'),
  rootCannotMove: () =>
    badRequest('UNIT.ROOT_CANNOT_MOVE', '最上级的局不能移动', { parentId: 'root_cannot_move' }),
  retired: () => new AppError(409, 'UNIT.RETIRED', '该单位已撤销，不能移动', { id: 'retired' }),
  parentNotFound: () => badRequest('UNIT.PARENT_NOT_FOUND', '上级单位不存在', { parentId: 'not_found' }),
  moveIntoSubtree: () =>
    badRequest('UNIT.MOVE_INTO_SUBTREE', '不能把单位移到它自己或它的下级单位之下，请选择其他上级单位', {
      parentId: 'into_own_subtree',
    }),
  parentRetired: () =>
    badRequest('UNIT.PARENT_RETIRED', '所选上级单位已撤销，请选择在用的单位', { parentId: 'retired' }),
  tooDeepAfterMove: () => badRequest('UNIT.TOO_DEEP', '移动后单位层级过深', { parentId: 'too_deep' }),
  rootCannotRetire: () => badRequest('UNIT.ROOT_CANNOT_RETIRE', '最上级的局不能撤销', { id: 'root' }),
  hasActiveUsers: (people: string | number) =>
    new AppError(
      409,
      'UNIT.HAS_ACTIVE_USERS',
      `该单位还有 ${people} 名在用人员，请先把他们调到其他单位或停用，再撤销`,
      { id: 'has_active_users' },
    ),
  hasActiveChildren: (children: string | number) =>
    new AppError(
      409,
      'UNIT.HAS_ACTIVE_CHILDREN',
      `该单位下还有 ${children} 个未撤销的下级单位，请先撤销或移走它们`,
      { id: 'has_active_children' },
    ),
  tooDeep: () => badRequest('UNIT.TOO_DEEP', '单位层级过深', { parentId: 'too_deep' }),
  bureauMustBeRoot: () =>
    badRequest('UNIT.BUREAU_MUST_BE_ROOT', '“局”只能作为最上级单位', { parentId: 'bureau_must_be_root' }),
  parentIdRequired: () => invalid('请选择上级单位', { parentId: 'required' }),
  nameTaken: () => new AppError(409, 'UNIT.NAME_TAKEN', '同一上级下已有同名单位', { name: 'name_taken' }),
  rootExists: () =>
    new AppError(409, 'UNIT.ROOT_EXISTS', '已存在最上级的局，不能再新增', { kind: 'root_exists' }),
} as const;
