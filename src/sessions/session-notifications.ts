/** Notification kinds made by sessions (NotificationsService `kind`, with the session id as sourceId). */
export const SESSION_REMINDER_KIND = 'session.reminder';
export const SESSION_CANCELLED_KIND = 'session.cancelled';
export const SESSION_ENROLLED_KIND = 'session.enrolled';
export const SESSION_CHANGED_KIND = 'session.changed';
export const SESSION_EXCUSE_KIND = 'session.excuse';
