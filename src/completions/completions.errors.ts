import { conflict, notFound } from '../common/errors/app-error';

/** Every error code completions/ throws, with the message people see. A code lives in exactly one catalogue. */
export const CompletionErrors = {
  certificateNotFound: () => notFound('CERTIFICATE.NOT_FOUND', '证书不存在或无权访问'),
  courseRetired: () => conflict('COURSE.RETIRED', '课程已停用，不能再记录学习进度'),
} as const;
