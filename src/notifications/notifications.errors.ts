import { notFound } from '../common/errors/app-error';

/** Every error code notifications/ throws, with the message people see. A code lives in exactly one catalogue. */
export const NotificationErrors = {
  notFound: () => notFound('NOTIFICATION.NOT_FOUND', '通知不存在'),
} as const;
