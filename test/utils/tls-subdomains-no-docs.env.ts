/** Import FIRST (see low-ip-login-limit.env.ts): served over TLS, HSTS for subdomains too, no API docs. */
process.env.COOKIE_SECURE = 'true';
process.env.HSTS_INCLUDE_SUBDOMAINS = 'true';
process.env.API_DOCS = 'off';
export {};
