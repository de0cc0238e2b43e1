/**
 * Import this FIRST in a test file that starts without the full 条例 text (see
 * low-ip-login-limit.env.ts for why it must be a module imported ahead of the app).
 */
process.env.REGULATION_TEXT_PATH = '';
export {};
