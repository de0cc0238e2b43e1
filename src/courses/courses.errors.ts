import { notFound } from '../common/errors/app-error';

/** Every error code courses/ throws, with the message people see. A code lives in exactly one catalogue. */
export const CourseErrors = {
  notFound: () => notFound('COURSE.NOT_FOUND', '课程不存在'),
} as const;
