import { validateEnv } from './env.validation';

describe(validateEnv.name, () => {
  it('should apply the documented defaults to an empty environment', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({ DB_TYPE: 'sqlite', PORT: 3000, SQLITE_PATH: './data/petition-training.sqlite', DEMO_DATA: 'auto' });
  });

  it('should stop with a message naming a wrong variable', () => {
    expect(() => validateEnv({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => validateEnv({ DB_TYPE: 'mysql' })).toThrow(/DB_TYPE/);
  });

  it('should require DATABASE_URL when DB_TYPE=postgres', () => {
    expect(() => validateEnv({ DB_TYPE: 'postgres' })).toThrow(/DATABASE_URL/);
    expect(validateEnv({ DB_TYPE: 'postgres', DATABASE_URL: 'postgres://x@y/z' }).DATABASE_URL).toBe('postgres://x@y/z');
  });

  it('should read booleans written as words', () => {
    expect(validateEnv({ COOKIE_SECURE: 'true', TRUST_PROXY: '0' })).toMatchObject({ COOKIE_SECURE: true, TRUST_PROXY: false });
  });
});
