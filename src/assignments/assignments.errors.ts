import { AppError, badRequest, conflict, notFound } from '../common/errors/app-error';
import { invalid } from '../common/errors/common.errors';

/** Every error code assignments/ throws, with the message people see. A code lives in exactly one catalogue. */
export const AssignmentErrors = {
  unknownUnits: (missing: string | number) =>
    badRequest('ASSIGNMENT.UNKNOWN_UNIT', `所选单位不存在：${missing}`, { unitIds: 'not_found' }),
  unknownUserIds: (missing: string | number) =>
    badRequest('ASSIGNMENT.UNKNOWN_USER', `所选人员不存在：${missing}`, { userIds: 'not_found' }),
  dueAtRequired: () => invalid('请选择截止日期', { dueAt: 'required' }),
  userIdsIsString: () => invalid('指定人员格式不正确', { userIds: 'isString' }),
  noteIsString: () => invalid('备注格式不正确', { note: 'isString' }),
  unknownUser: (missing: string | number) =>
    badRequest('ASSIGNMENT.UNKNOWN_USER', `找不到这些人员：${missing}`, { userIds: 'not_found' }),
  newDueAtFormat: () => invalid('截止日期格式不正确', { dueAt: 'isIso8601' }),
  newDueInPast: () => badRequest('ASSIGNMENT.DUE_IN_PAST', '新的截止日期必须晚于今天', { dueAt: 'in_past' }),
  dueNotLater: () =>
    badRequest('ASSIGNMENT.DUE_NOT_LATER', '新的截止日期必须晚于原截止日期', { dueAt: 'not_later' }),
  reminderUnavailable: () =>
    new AppError(
      503,
      'ASSIGNMENT.REMINDER_UNAVAILABLE',
      '提醒暂时无法发送（队列服务不可用），本次未记为已提醒，请稍后重试',
    ),
  remindedRecently: (minutes: string | number) =>
    conflict('ASSIGNMENT.REMINDED_RECENTLY', `刚刚已经提醒过，请 ${minutes} 分钟后再提醒`),
  notFound: () => notFound('ASSIGNMENT.NOT_FOUND', '学习任务不存在'),
  cancelled: () => conflict('ASSIGNMENT.CANCELLED', '学习任务已取消，不能再修改或提醒'),
  noTargets: () =>
    badRequest('ASSIGNMENT.NO_TARGETS', '请至少选择一个单位、角色或人员', { targets: 'required' }),
  dueAtFormat: () => invalid('截止时间格式不正确', { dueAt: 'isIso8601' }),
  dueInPast: () => badRequest('ASSIGNMENT.DUE_IN_PAST', '截止时间必须晚于现在', { dueAt: 'in_past' }),
  unknownCourse: () => badRequest('ASSIGNMENT.UNKNOWN_COURSE', '课程不存在', { courseId: 'not_found' }),
  courseRetired: () =>
    badRequest('ASSIGNMENT.COURSE_RETIRED', '课程已停用，不能布置', { courseId: 'retired' }),
  roleNotLearner: () =>
    badRequest(
      'ASSIGNMENT.ROLE_NOT_LEARNER',
      '只能向信访干部布置课程：负责人、培训管理员和系统管理员没有学习功能',
      { roles: 'not_learner' },
    ),
  unitRetired: (retired: string | number) =>
    badRequest('ASSIGNMENT.UNIT_RETIRED', `所选单位已撤销，不能再布置学习任务：${retired}`, {
      unitIds: 'retired',
    }),
  userNotLearner: (names: string | number) =>
    badRequest('ASSIGNMENT.USER_NOT_LEARNER', `只能向信访干部布置课程，这些人员不是信访干部：${names}`, {
      userIds: 'not_learner',
    }),
  newDueAtRequired: () => invalid('请选择新的截止日期', { dueAt: 'required' }),
} as const;
