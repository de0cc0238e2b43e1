/**
 * Import this FIRST (see low-ip-login-limit.env.ts for why): the abuse suite sends each burst from
 * addresses of its own through X-Forwarded-For, and a short first account delay lets it show that
 * the account-wide wait ends by itself and then grows. The unknown-name budget is set to the old shared
 * per-address default (50), so the unknown-name burst keeps its numbers.
 */
// 4 s: the 30-request burst (argon2 on 2 cores) must end inside the first wait even beside other suites.
export const FIRST_ACCOUNT_DELAY_SECONDS = 4;
process.env.TRUST_PROXY = 'true';
process.env.LOGIN_ACCOUNT_DELAY_SECONDS = String(FIRST_ACCOUNT_DELAY_SECONDS);
process.env.LOGIN_MAX_UNKNOWN_PER_IP = '50';
