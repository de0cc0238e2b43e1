/** The demo accounts' password as shipped (README, .env.example): public knowledge. */
export const SHIPPED_DEMO_PASSWORD = 'Xinfang@2026';
/** IMPORT_SEAL_SECRET outside production when unset: in the source, so never a production secret. */
export const SHIPPED_IMPORT_SEAL_SECRET = 'petition-training-development-import-seal-secret';

/** Passwords that ship in examples and compose files, or that anyone tries first. */
const WELL_KNOWN = new Set([
  'postgres',
  'password',
  'petition',
  'changeme',
  'change-me',
  'secret',
  'admin',
  'root',
  'redis',
  '123456',
  '12345678',
]);
const MIN_SECRET_LENGTH = 12;
/** An HMAC key nobody types: long and random (e.g. `openssl rand -hex 32`). */
const MIN_KEY_LENGTH = 32;

interface SecretSettings {
  NODE_ENV: string;
  DEMO_DATA: string;
  DEMO_PASSWORD: string;
  DATABASE_URL?: string;
  REDIS_PASSWORD?: string;
  DEVICE_COOKIE_SECRET?: string;
  IMPORT_SEAL_SECRET?: string;
}

const weak = (secret: string) => secret.length < MIN_SECRET_LENGTH || WELL_KNOWN.has(secret.toLowerCase());

/**
 * A production start refuses secrets that are shipped or guessable, one line per variable, naming it
 * and the fix. Development and tests keep the convenient defaults.
 */
export function productionSecretProblems(env: SecretSettings): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (env.DEMO_DATA === 'true') {
    if (env.DEMO_PASSWORD === SHIPPED_DEMO_PASSWORD) {
      problems.push(
        'DEMO_PASSWORD: the shipped demo password is public; set your own (12+ characters) or DEMO_DATA=false',
      );
    } else if (weak(env.DEMO_PASSWORD)) {
      problems.push(
        `DEMO_PASSWORD: too weak for production (at least ${MIN_SECRET_LENGTH} characters, not a well-known password)`,
      );
    }
  }
  const dbPassword = databasePassword(env.DATABASE_URL);
  if (dbPassword !== null && weak(dbPassword)) {
    problems.push(
      `DATABASE_URL: the database password is a default or too short (at least ${MIN_SECRET_LENGTH} characters)`,
    );
  }
  if (env.REDIS_PASSWORD !== undefined && weak(env.REDIS_PASSWORD)) {
    problems.push(`REDIS_PASSWORD: a default or too short (at least ${MIN_SECRET_LENGTH} characters)`);
  }
  if (
    env.DEVICE_COOKIE_SECRET === undefined ||
    env.DEVICE_COOKIE_SECRET.length < MIN_KEY_LENGTH ||
    WELL_KNOWN.has(env.DEVICE_COOKIE_SECRET.toLowerCase())
  ) {
    problems.push(
      `DEVICE_COOKIE_SECRET: required in production, at least ${MIN_KEY_LENGTH} random characters (openssl rand -hex 32)`,
    );
  }
  // The development default is in the source: anyone could open queued imports' passwords with it.
  if (!env.IMPORT_SEAL_SECRET || env.IMPORT_SEAL_SECRET === SHIPPED_IMPORT_SEAL_SECRET) {
    problems.push(
      'IMPORT_SEAL_SECRET: required (32+ random characters, e.g. openssl rand -hex 32), the same on every app instance and the worker',
    );
  }
  return problems;
}

function databasePassword(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.password ? decodeURIComponent(parsed.password) : null;
  } catch {
    return null;
  }
}
