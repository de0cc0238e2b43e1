import { AppError, badRequest, conflict, forbidden, notFound } from '../common/errors/app-error';
import { invalid } from '../common/errors/common.errors';

/** Every error code sessions/ throws, with the message people see. A code lives in exactly one catalogue. */
export const SessionErrors = {
  notFound: () => notFound('SESSION.NOT_FOUND', '培训不存在'),
  notFoundOrNotListed: () => notFound('SESSION.NOT_FOUND', '培训不存在或您不在名单中'),
  checkInSessionCancelled: () => conflict('CHECKIN.SESSION_CANCELLED', '本次培训已取消'),
  checkInNotOpen: (checkInOpensMinutes: string | number) =>
    conflict('CHECKIN.NOT_OPEN', `签到尚未开始，开始前 ${checkInOpensMinutes} 分钟开放签到`),
  checkInClosed: () => conflict('CHECKIN.CLOSED', '签到已截止，请联系培训管理员补登'),
  wrongCode: () =>
    badRequest('CHECKIN.WRONG_CODE', '签到码不正确，请核对屏幕上的 6 位数字', { code: 'wrong' }),
  codeExpired: () =>
    badRequest('CHECKIN.CODE_EXPIRED', '签到码已过期，请输入屏幕上最新的签到码', { code: 'expired' }),
  checkInNotEnrolled: () => new AppError(403, 'CHECKIN.NOT_ENROLLED', '您在候补名单中或已被取消，不能签到'),
  excused: () => conflict('CHECKIN.EXCUSED', '您已请假，不需要签到'),
  codeReused: () => conflict('CHECKIN.CODE_REUSED', '这个签到码您已经用过了'),
  alreadyCheckedIn: () => conflict('CHECKIN.ALREADY_CHECKED_IN', '您已签到，无需重复签到'),
  notBroadcast: () => conflict('CHECKOUT.NOT_BROADCAST', '只有收听收看需要签退'),
  checkoutClosed: () => conflict('CHECKOUT.CLOSED', '本次培训已结束或已取消，不能签退'),
  notCheckedIn: () => conflict('CHECKOUT.NOT_CHECKED_IN', '您还没有签到，不能签退'),
  alreadyCheckedOut: () => conflict('CHECKOUT.ALREADY_CHECKED_OUT', '您已签退'),
  attendanceSessionCancelled: () => conflict('ATTENDANCE.SESSION_CANCELLED', '已取消的培训不能考勤'),
  duplicateUser: () =>
    badRequest('ATTENDANCE.DUPLICATE_USER', '同一人员在一次提交中只能出现一次', { records: 'duplicate' }),
  selfMark: () => forbidden('ATTENDANCE.SELF_MARK', '不能为自己记录考勤，请由培训管理员记录'),
  attendanceNotEnrolled: (unknown: string | number) =>
    badRequest('ATTENDANCE.NOT_ENROLLED', `以下人员不在本次培训的正式名单中：${unknown}`, {
      records: 'not_enrolled',
    }),
  outsideVenue: () => forbidden('ATTENDANCE.OUTSIDE_VENUE', '只能为本分会场的人员考勤'),
  tokenNotFound: () => notFound('CALENDAR.TOKEN_NOT_FOUND', '订阅地址无效或已更换，请在“我的培训”中重新获取'),
  enrolmentNotFound: () => notFound('ENROLMENT.NOT_FOUND', '该人员不在本次培训名单中'),
  excuseSessionNotOpen: () => conflict('EXCUSE.SESSION_NOT_OPEN', '本次培训已取消或已结束，不能请假'),
  excuseTooLate: () => conflict('EXCUSE.TOO_LATE', '培训已开始，不能再请假；请联系培训管理员'),
  excuseNotEnrolled: () => new AppError(403, 'EXCUSE.NOT_ENROLLED', '您不在本次培训名单中，无需请假'),
  excuseAlreadyApproved: () => conflict('EXCUSE.ALREADY_APPROVED', '您的请假已批准'),
  excusePending: () => conflict('EXCUSE.ALREADY_PENDING', '您已提交请假申请，请等待审批'),
  excuseNotFound: () => notFound('EXCUSE.NOT_FOUND', '请假申请不存在'),
  excuseAlreadyDecided: () => conflict('EXCUSE.ALREADY_DECIDED', '该请假申请已经审批过'),
  venuesInvalidLine: (line: string | number) =>
    invalid(`分会场“${line}”格式不正确：名称 | 负责人用户名 | 单位 | 地点`, { venues: 'invalid_line' }),
  venueCoordinatorUsernameNotFound: (name: string | number, username: string | number) =>
    badRequest('SESSION.UNKNOWN_COORDINATOR', `分会场“${name}”的负责人用户名“${username}”不存在`, {
      venues: 'coordinator_not_found',
    }),
  venueUnitNameNotFound: (name: string | number, unitName: string | number) =>
    badRequest('SESSION.UNKNOWN_UNIT', `分会场“${name}”的单位“${unitName}”不存在或重名`, {
      venues: 'unit_not_found',
    }),
  notCoordinator: () => forbidden('SESSION.NOT_COORDINATOR', '只有培训管理员或分会场负责人可以进行此操作'),
  startsAtIsIso8601: () => invalid('开始时间格式不正确', { startsAt: 'isIso8601' }),
  endsAtIsIso8601: () => invalid('结束时间格式不正确', { endsAt: 'isIso8601' }),
  endBeforeStart: () =>
    badRequest('SESSION.END_BEFORE_START', '结束时间必须晚于开始时间', { endsAt: 'before_start' }),
  checkinCloseInvalid: () =>
    badRequest('SESSION.CHECKIN_CLOSE_INVALID', '签到截止时间必须晚于开始时间', {
      checkInClosesAt: 'before_start',
    }),
  unknownUnit: () =>
    badRequest('SESSION.UNKNOWN_UNIT', '所选单位不存在，请重新选择', { unitIds: 'not_found' }),
  unknownCourse: () => badRequest('SESSION.UNKNOWN_COURSE', '关联课程不存在', { courseId: 'not_found' }),
  venueCoordinatorNotFound: (name: string | number) =>
    badRequest('SESSION.UNKNOWN_COORDINATOR', `分会场“${name}”的负责人不存在或不可用`, {
      venues: 'coordinator_not_found',
    }),
  venueUnitNotFound: (name: string | number) =>
    badRequest('SESSION.UNKNOWN_UNIT', `分会场“${name}”的单位不存在`, { venues: 'unit_not_found' }),
  notFoundOrHidden: () => notFound('SESSION.NOT_FOUND', '培训不存在或无权查看'),
  calendarFailed: () => badRequest('CALENDAR.FAILED', '日历生成失败'),
  notEditable: () => conflict('SESSION.NOT_EDITABLE', '已取消或已结束的培训不能修改'),
  startInPast: () =>
    badRequest(
      'SESSION.START_IN_PAST',
      '开始时间已经过去，请填写将来的时间；如要登记已经举办的培训，请勾选“补录已举办的培训”',
      { startsAt: 'start_in_past' },
    ),
  backfillNotPast: () =>
    badRequest('SESSION.BACKFILL_NOT_PAST', '补录只用于已经举办的培训：开始时间须早于现在', {
      backfill: 'not_past',
    }),
  cancelReasonRequired: () =>
    badRequest('SESSION.CANCEL_REASON_REQUIRED', '请填写取消原因（会记入操作日志）', {
      reason: 'required',
    }),
  alreadyCancelled: () => conflict('SESSION.ALREADY_CANCELLED', '这次培训已经取消'),
} as const;
