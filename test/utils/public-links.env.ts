/** Import FIRST (see low-ip-login-limit.env.ts): the settings for certificate links and issuer. */
export const PUBLIC_BASE_URL = 'https://training.example.gov.cn/';
export const CERTIFICATE_ISSUER = '测试区信访局';
process.env.PUBLIC_BASE_URL = PUBLIC_BASE_URL;
process.env.CERTIFICATE_ISSUER = CERTIFICATE_ISSUER;
