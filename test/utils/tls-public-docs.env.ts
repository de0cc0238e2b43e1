/** Import FIRST (see low-ip-login-limit.env.ts): served over TLS, API docs public, HSTS without subdomains. */
process.env.COOKIE_SECURE = 'true';
process.env.API_DOCS = 'public';
export {};
