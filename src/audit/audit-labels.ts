import { ROLE_LABELS, Role } from '../users/entities/user.entity';
import { UNIT_KIND_LABELS, UnitKind } from '../units/entities/unit.entity';

/**
 * Chinese names of the audit actions, for the audit page and its CSV export. Every action code the
 * app writes has a name here; features that add actions add a line. A code without a name is shown
 * as the code itself, so nothing disappears from the log.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login.succeeded': '登录成功',
  'auth.login.failed': '登录失败',
  'auth.login.throttled': '登录过于频繁被暂停',
  'auth.logout': '退出登录',
  'auth.password.changed': '修改本人密码',
  'auth.password.change_failed': '修改本人密码失败',
  'auth.password.change_throttled': '修改本人密码被限制（当前密码错误次数过多）',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.import': '批量导入用户',
  'unit.create': '新增单位',
  'unit.update': '单位改名',
  'unit.move': '调整上级单位',
  'unit.retire': '撤销单位',
  'content.import': '导入课程内容',
  'regulation.text.load': '导入条例全文',
  'assignment.create': '布置学习任务',
  'assignment.update': '修改学习任务',
  'assignment.due.extend': '延长截止日期',
  'assignment.cancel': '取消学习任务',
  'assignment.remind': '提醒未完成人员',
  'session.create': '新建培训',
  'session.update': '修改培训',
  'session.cancel': '取消培训',
  'session.backfill': '补录培训',
  'session.checkin.wrong_code': '签到码输入错误',
  'session.checkin.throttled': '签到码输错过多被暂停',
  'session.enrolment.cancel': '取消培训报名',
  'session.excuse.approve': '批准请假',
  'session.excuse.refuse': '不批准请假',
  'attendance.mark': '登记出勤',
  'notice.send': '发送通知',
  'notice.remind': '提醒未读人员',
  'notice.withdraw': '撤回通知',
  'quiz.override': '调整个人测验时长或次数',
  'practice.answer.refused': '练习作答被拒绝（非练习抽出的题或正在作答的测验题）',
  'indicator.target.set': '修改指标目标值',
  'indicator.import': '导入指标数据',
  'indicator.note.set': '填写指标偏差原因/改进措施',
  'indicator.period.close': '关闭指标统计期',
  'indicator.period.reopen': '重新打开指标统计期',
};

export const actionLabel = (code: string): string => AUDIT_ACTION_LABELS[code] ?? code;

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  user: '用户',
  unit: '单位',
  assignment: '学习任务',
  content: '课程内容',
  course: '课程',
  regulation: '条例',
  certificate: '证书',
  session: '培训班',
  training_session: '培训',
  session_enrolment: '培训报名',
  session_excuse: '培训请假',
  regulation_text: '条例全文',
  notice: '通知',
  quiz: '测验',
  question: '题目',
  indicator_target: '指标目标值',
  indicator_import: '指标数据导入',
  indicator_period: '指标统计期',
  indicator_note: '指标偏差说明',
};

export const entityTypeLabel = (type: string): string => ENTITY_TYPE_LABELS[type] ?? type;

/** Names of the fields that before/after snapshots carry. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  name: '名称',
  role: '角色',
  roles: '角色',
  unitId: '单位',
  unitIds: '单位',
  parentId: '上级单位',
  kind: '类型',
  disabled: '状态',
  retired: '状态',
  retiredAt: '撤销时间',
  courseId: '课程',
  dueAt: '截止时间',
  includeSubtree: '含下级单位',
  userId: '人员',
  userIds: '人员',
  assignedCount: '人数',
  created: '新增人数',
  usernames: '用户名',
  reason: '原因',
  via: '方式',
  passwordReset: '密码',
  note: '备注',
  movedUnits: '随之移动的单位数',
  mergedCount: '合并人数',
  cancelledAt: '取消时间',
  recipients: '接收人数',
  unread: '未读人数',
  title: '标题',
  status: '状态',
  remark: '备注',
  sessionId: '培训',
  extraMinutes: '延长分钟数',
  extraAttempts: '增加次数',
  target: '目标值',
  rows: '行数',
  units: '单位数',
};

export const LOGIN_FAILURE_REASONS: Record<string, string> = {
  unknown_user: '用户名不存在',
  wrong_password: '密码错误',
  disabled: '账号已停用',
};

export const LOGIN_VIA: Record<string, string> = { page: '网页', web: '网页', api: 'API' };

export const roleName = (value: unknown): string => ROLE_LABELS[value as Role] ?? String(value);
export const unitKindName = (value: unknown): string => UNIT_KIND_LABELS[value as UnitKind] ?? String(value);
