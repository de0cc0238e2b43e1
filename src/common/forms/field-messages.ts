/**
 * Chinese text for the field error codes that the API returns (`errors: {field: code}`). Every
 * message names the field and says what to do; a code never reaches a page. The JSON API keeps the
 * codes.
 */
const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  name: '名称',
  password: '密码',
  role: '角色',
  roles: '角色',
  unitId: '单位',
  unitIds: '单位',
  unit: '单位',
  kind: '单位类型',
  parentId: '上级单位',
  courseId: '课程',
  userIds: '指定人员',
  dueAt: '截止日期',
  dueDate: '截止日期',
  note: '备注',
  targets: '布置对象',
  currentPassword: '当前密码',
  newPassword: '新密码',
  confirmPassword: '确认新密码',
  csv: 'CSV 内容',
  disabled: '状态',
  q: '搜索词',
  year: '年度',
};

/** Fields chosen from a list: an empty one says 请选择, not 请填写. */
const CHOSEN = new Set(['role', 'roles', 'unitId', 'unitIds', 'kind', 'parentId', 'courseId', 'dueAt', 'dueDate', 'year']);

type Message = (label: string) => string;

const MESSAGES: Record<string, Message> = {
  isString: (l) => `${l}格式不正确，请重新填写`,
  isIn: (l) => `${l}取值无效，请从列表中选择`,
  isUUID: (l) => `请从列表中选择${l}`,
  isUuid: (l) => `请从列表中选择${l}`,
  isBoolean: (l) => `${l}取值无效，请重新选择`,
  isInt: (l) => `${l}必须是整数`,
  isIso8601: (l) => `${l}格式不正确，请选择日期`,
  isNumber: (l) => `${l}必须是数字`,
  min: (l) => `${l}太小，请改大一些`,
  max: (l) => `${l}太大，请改小一些`,
  arrayMinSize: (l) => `请至少选择一个${l}`,
  isUrl: (l) => `${l}格式不正确，请填写以 http:// 或 https:// 开头的网址`,
  before_start: (l) => `${l}必须晚于开始时间，请重新选择`,
  invalid_line: (l) => `${l}格式不正确，请按示例每行填写一项`,
  coordinator_not_found: (l) => `${l}的负责人用户名不存在或不可用，请修改`,
  unit_not_found: (l) => `${l}的单位名称不存在或重名，请填写单位全称`,
  maxLength: (l) => `${l}过长，请删减`,
  minLength: (l) => `请填写${l}`,
  matches: (l) => `${l}格式不正确，请重新填写`,
  unknown_field: () => '表单中有无法识别的内容，请刷新页面后重试',
  not_found: (l) => `所选${l}不存在，请重新选择`,
  retired: (l) => `所选${l}已停用，请选择其他${l}`,
  too_long: (l) => `${l}过长，请删减`,
  in_past: (l) => `${l}必须晚于今天，请选择以后的日期`,
  not_later: (l) => `${l}必须晚于原截止日期，请选择更晚的日期`,
  not_learner: () => '只能向信访干部布置课程，请去掉其他角色的人员',
  wrong_password: (l) => `${l}不正确，请重新输入`,
  password_unchanged: (l) => `${l}不能与当前密码相同，请换一个`,
  password_mismatch: () => '两次输入的新密码不一致，请重新输入',
  invalid_username: (l) => `${l}只能包含字母、数字和 _ . - @，长度 2-64，请修改`,
  username_taken: (l) => `${l}已被使用，请换一个`,
  duplicate_in_file: (l) => `${l}在文件中重复出现，请只保留一行`,
  unknown_unit: (l) => `找不到这个${l}，请先在单位管理中创建，或填写单位全称`,
  ambiguous_unit: (l) => `有多个同名${l}，请改填单位 ID`,
  invalid_role: (l) => `${l}无效，请填写 信访干部、培训管理员、负责人、系统管理员 之一`,
  password_too_short: (l) => `${l}至少 8 位，请加长`,
  password_too_long: (l) => `${l}不能超过 128 位，请缩短`,
  password_too_common: (l) => `${l}过于常见，请换一个不易猜到的`,
  password_too_simple: (l) => `${l}只是重复的字符或片段，容易被猜到，请换一个`,
  password_equals_username: (l) => `${l}不能与用户名相同，请换一个`,
  self_lockout: () => '不能停用自己或取消自己的管理员角色',
  bureau_must_be_root: () => '“局”只能作为最上级单位，请选择其他单位类型',
  root_exists: () => '已存在最上级的局，请选择上级单位',
  name_taken: (l) => `同一上级下已有同名单位，请换一个${l}`,
  too_deep: () => '单位层级过深，请选择更上一级的单位作为上级',
  missing_column: (l) => `缺少“${l}”列，请在表头中加上`,
  unknown_column: (l) => `无法识别“${l}”列，请改为 用户名、姓名、密码、角色、单位 之一`,
  malformed_csv: () => 'CSV 格式错误（引号或分隔符不匹配），请检查后重新粘贴',
  empty_file: () => '文件中没有数据行，请至少填写一行',
  too_many_rows: () => '一次最多导入 500 行，请分批导入',
  invalid_characters: (l) => `${l}含有不可见字符或控制字符（如换行、零宽字符、文字方向控制符），请删除后重新输入`,
};

/** The Chinese name of a field (a nested `items.0.id` is named by its last part). */
export function fieldLabel(field: string | null | undefined, labels: Record<string, string> = {}): string {
  if (!field) return '内容';
  const key = field.split('.').pop() as string;
  if (Object.hasOwn(labels, key)) return labels[key];
  return Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : '此项';
}

/** What to tell the person about `code` on `field`. Unknown codes get a plain sentence, never the code. */
export function fieldErrorMessage(code: string, field?: string | null, labels: Record<string, string> = {}): string {
  const label = fieldLabel(field, labels);
  if (['required', 'isNotEmpty', 'isDefined'].includes(code)) return `${CHOSEN.has(field ?? '') ? '请选择' : '请填写'}${label}`;
  const message = Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : null;
  return message ? message(label) : `${label}填写不正确，请检查后重新填写`;
}
