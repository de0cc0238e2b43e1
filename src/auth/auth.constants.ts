export const SESSION_COOKIE = 'pt_session';
export const LOGIN_CSRF_COOKIE = 'pt_login_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
