/** Notification kinds made by sessions (NotificationsService `kind`, with the session id as sourceId). */
export const SESSION_REMINDER_KIND = 'session.reminder';
export const SESSION_CANCELLED_KIND = 'session.cancelled';
