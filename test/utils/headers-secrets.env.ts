/**
 * Import this FIRST (see low-ip-login-limit.env.ts for why): the app trusts one proxy hop (so
 * X-Forwarded-Proto https means TLS) and logs everything, so the suite can look for secrets in the log.
 */
process.env.TRUST_PROXY = 'true';
process.env.LOG_LEVEL = 'trace';
