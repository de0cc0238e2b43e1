/**
 * Import this FIRST (see low-ip-login-limit.env.ts for why): the lockout suite sends logins from
 * addresses of its own through X-Forwarded-For, and a smaller unknown-name budget lets it show what
 * happens once an address has used it up.
 */
export const UNKNOWN_NAMES_PER_ADDRESS = 40;
process.env.TRUST_PROXY = 'true';
process.env.LOGIN_MAX_UNKNOWN_PER_IP = String(UNKNOWN_NAMES_PER_ADDRESS);
