/**
 * Chinese text for the field error codes that the API returns (`errors: {field: code}`). Every
 * message names the field and says what to do; a code never reaches a page. The JSON API keeps the
 * codes.
 */
export const FIELD_LABELS: Record<string, string> = {
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

/**
 * What a field is called on the form that posts a DTO, where the general name (FIELD_LABELS)
 * is not the one the person sees beside the input.
 */
export const FORM_LABELS: Record<string, Record<string, string>> = {
  CreateUserDto: { name: '姓名', password: '初始密码' },
  UpdateUserDto: { name: '姓名' },
  CreateUnitDto: { name: '单位名称' },
  UpdateUnitDto: { name: '单位名称' },
};

/** Fields chosen from a list: an empty one says 请选择, not 请填写. */
const CHOSEN = new Set([
  'role',
  'roles',
  'unitId',
  'unitIds',
  'kind',
  'parentId',
  'courseId',
  'dueAt',
  'dueDate',
  'year',
]);

/** The person's own input, quoted back where it helps (「甲街道」). */
const quote = (value: string | null | undefined) => (value ? `「${value}」` : '');

/**
 * One entry per field error code. `page`: the sentence a page shows beside the field, naming it
 * (`label`) and, where the value helps, quoting it back. `api`: what the JSON API's message says
 * after the field path (`size 不能大于 200`), `limit` read off class-validator's own text. A code
 * without `page` gets the plain fallback sentence; one without `api` is not a class-validator
 * constraint.
 */
interface FieldCode {
  page?: (label: string, value?: string | null) => string;
  api?: (limit: string) => string;
}

export const FIELD_CODES: Record<string, FieldCode> = {
  isString: { page: (l) => `${l}格式不正确，请重新填写`, api: () => '应为文字' },
  isIn: { page: (l) => `${l}取值无效，请从列表中选择`, api: () => '不是可选的取值之一（见接口文档）' },
  isUUID: { page: (l) => `请从列表中选择${l}` },
  isUuid: { page: (l) => `请从列表中选择${l}`, api: () => '应为编号（UUID 格式）' },
  isBoolean: { page: (l) => `${l}取值无效，请重新选择`, api: () => '应为 true 或 false' },
  isInt: { page: (l) => `${l}必须是整数`, api: () => '应为整数' },
  isIso8601: {
    page: (l) => `${l}格式不正确，请选择日期`,
    api: () => '应为日期时间，例如 2026-12-10T09:00:00+08:00',
  },
  isNumber: { page: (l) => `${l}必须是数字`, api: () => '应为数字' },
  min: { page: (l) => `${l}太小，请改大一些`, api: (n) => `不能小于 ${n}` },
  max: { page: (l) => `${l}太大，请改小一些`, api: (n) => `不能大于 ${n}` },
  arrayMinSize: { page: (l) => `请至少选择一个${l}`, api: (n) => `至少要有 ${n} 项` },
  isUrl: {
    page: (l) => `${l}格式不正确，请填写以 http:// 或 https:// 开头的网址`,
    api: () => '应为 http(s) 开头的链接',
  },
  before_start: { page: (l) => `${l}必须晚于开始时间，请重新选择` },
  invalid_line: { page: (l) => `${l}格式不正确，请按示例每行填写一项` },
  coordinator_not_found: { page: (l) => `${l}的负责人用户名不存在或不可用，请修改` },
  unit_not_found: { page: (l) => `${l}的单位名称不存在或重名，请填写单位全称` },
  maxLength: { page: (l) => `${l}过长，请删减`, api: (n) => `最多 ${n} 个字` },
  minLength: { page: (l) => `请填写${l}`, api: (n) => `至少 ${n} 个字` },
  matches: { page: (l) => `${l}格式不正确，请重新填写`, api: () => '格式不对' },
  unknown_field: { page: () => '表单中有无法识别的内容，请刷新页面后重试' },
  not_found: { page: (l) => `所选${l}不存在，请重新选择` },
  retired: { page: (l) => `所选${l}已停用，请选择其他${l}` },
  too_long: { page: (l) => `${l}过长，请删减` },
  in_past: { page: (l) => `${l}必须晚于今天，请选择以后的日期` },
  start_in_past: { page: (l) => `${l}已经过去，请填写将来的时间；登记已举办的培训请勾选“补录已举办的培训”` },
  not_past: { page: () => '补录只用于已经举办的培训：开始时间须早于现在' },
  not_later: { page: (l) => `${l}必须晚于原截止日期，请选择更晚的日期` },
  not_learner: { page: () => '只能向信访干部布置课程，请去掉其他角色的人员' },
  wrong_password: { page: (l) => `${l}不正确，请重新输入` },
  password_unchanged: { page: (l) => `${l}不能与当前密码相同，请换一个` },
  password_mismatch: { page: () => '两次输入的新密码不一致，请重新输入' },
  invalid_username: { page: (l, v) => `${l}${quote(v)}只能包含字母、数字和 _ . - @，长度 2-64，请修改` },
  username_taken: { page: (l, v) => `${l}${quote(v)}已被使用，请换一个` },
  duplicate_in_file: { page: (l, v) => `${v ? quote(v) : l}在文件中重复出现，请只保留一行` },
  unknown_unit: {
    page: (l, v) =>
      v
        ? `找不到${l}${quote(v)}，请先在单位管理中创建，或填写单位全称`
        : `找不到这个${l}，请先在单位管理中创建，或填写单位全称`,
  },
  ambiguous_unit: {
    page: (l, v) => (v ? `有多个名为${quote(v)}的${l}，请改填单位 ID` : `有多个同名${l}，请改填单位 ID`),
  },
  invalid_role: {
    page: (l, v) => `${l}${quote(v)}无效，请填写 信访干部、培训管理员、负责人、系统管理员 之一`,
  },
  password_too_short: { page: (l) => `${l}至少 8 位，请加长` },
  password_too_long: { page: (l) => `${l}不能超过 128 位，请缩短` },
  password_too_common: { page: (l) => `${l}过于常见，请换一个不易猜到的` },
  password_too_simple: { page: (l) => `${l}只是重复的字符或片段，容易被猜到，请换一个` },
  password_equals_username: { page: (l) => `${l}不能与用户名相同，请换一个` },
  self_lockout: { page: () => '不能停用自己或取消自己的管理员角色' },
  bureau_must_be_root: { page: () => '“局”只能作为最上级单位，请选择其他单位类型' },
  root_exists: { page: () => '已存在最上级的局，请选择上级单位' },
  name_taken: { page: (l) => `同一上级下已有同名单位，请换一个${l}` },
  too_deep: { page: () => '单位层级过深，请选择更上一级的单位作为上级' },
  missing_column: { page: (l) => `缺少“${l}”列，请在表头中加上` },
  unknown_column: { page: (l) => `无法识别“${l}”列，请改为 用户名、姓名、密码、角色、单位 之一` },
  malformed_csv: { page: () => 'CSV 格式错误（引号或分隔符不匹配），请检查后重新粘贴' },
  empty_file: { page: () => '文件中没有数据行，请至少填写一行' },
  too_many_rows: { page: () => '一次最多导入 500 行，请分批导入' },
  invalid_characters: {
    page: (l) => `${l}含有不可见字符或控制字符（如换行、零宽字符、文字方向控制符），请删除后重新输入`,
  },
  isNotEmpty: { api: () => '不能为空' },
  isArray: { api: () => '应为列表' },
  arrayMaxSize: { api: (n) => `最多 ${n} 项` },
  whitelistValidation: { api: () => '不是可提交的字段，请删去' },
};

/** The Chinese name of a field (a nested `items.0.id` is named by its last part). */
export function fieldLabel(field: string | null | undefined, labels: Record<string, string> = {}): string {
  if (!field) return '内容';
  const key = field.split('.').pop() as string;
  if (Object.hasOwn(labels, key)) return labels[key];
  return Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : '此项';
}

/** What to tell the person about `code` on `field`. Unknown codes get a plain sentence, never the code. */
export function fieldErrorMessage(
  code: string,
  field?: string | null,
  labels: Record<string, string> = {},
  value?: string | null,
): string {
  const label = fieldLabel(field, labels);
  if (['required', 'isNotEmpty', 'isDefined'].includes(code)) {
    return `${CHOSEN.has(field ?? '') ? '请选择' : '请填写'}${label}`;
  }
  const page = Object.hasOwn(FIELD_CODES, code) ? FIELD_CODES[code].page : undefined;
  return page ? page(label, value) : `${label}填写不正确，请检查后重新填写`;
}

/** The API's fix for a failed class-validator constraint (`不能大于 200`); unknown ones say 格式不对. */
export function apiFieldFix(constraint: string, limit: string): string {
  const api = Object.hasOwn(FIELD_CODES, constraint) ? FIELD_CODES[constraint].api : undefined;
  return api ? api(limit) : '格式不对';
}
