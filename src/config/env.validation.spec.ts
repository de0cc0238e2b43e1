import { validateEnv } from './env.validation';
import { SHIPPED_IMPORT_SEAL_SECRET } from './production-secrets';

describe(validateEnv.name, () => {
  it('should apply the documented defaults to an empty environment', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      DB_TYPE: 'sqlite',
      PORT: 3000,
      SQLITE_PATH: './data/petition-training.sqlite',
      DEMO_DATA: 'auto',
    });
  });

  it('should stop with a message naming a wrong variable', () => {
    expect(() => validateEnv({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => validateEnv({ DB_TYPE: 'mysql' })).toThrow(/DB_TYPE/);
    // The SQLite lock wait must end before the 10 s shutdown deadline.
    expect(() => validateEnv({ SQLITE_BUSY_WAIT_MS: '60000' })).toThrow(/SQLITE_BUSY_WAIT_MS="60000"/);
    expect(validateEnv({}).SQLITE_BUSY_WAIT_MS).toBe(5000);
  });

  it('should default the idle timeout to 30 minutes, take 0 as off and refuse more than a day', () => {
    expect(validateEnv({}).SESSION_IDLE_MINUTES).toBe(30);
    expect(validateEnv({ SESSION_IDLE_MINUTES: '0' }).SESSION_IDLE_MINUTES).toBe(0);
    expect(() => validateEnv({ SESSION_IDLE_MINUTES: '-1' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => validateEnv({ SESSION_IDLE_MINUTES: '1441' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('should default the 能力达标 pass mark to 60 and the dimension floor to 50, and refuse values outside 0–100', () => {
    expect(validateEnv({})).toMatchObject({ CAPABILITY_PASS_MARK: 60, CAPABILITY_DIMENSION_FLOOR: 50 });
    expect(validateEnv({ CAPABILITY_PASS_MARK: '70', CAPABILITY_DIMENSION_FLOOR: '0' })).toMatchObject({
      CAPABILITY_PASS_MARK: 70,
      CAPABILITY_DIMENSION_FLOOR: 0,
    });
    expect(validateEnv({ CAPABILITY_PASS_MARK: '62.5' }).CAPABILITY_PASS_MARK).toBe(62.5);
    expect(() => validateEnv({ CAPABILITY_PASS_MARK: '101' })).toThrow(/CAPABILITY_PASS_MARK="101"/);
    expect(() => validateEnv({ CAPABILITY_PASS_MARK: '-1' })).toThrow(/CAPABILITY_PASS_MARK/);
    expect(() => validateEnv({ CAPABILITY_PASS_MARK: 'sixty' })).toThrow(/CAPABILITY_PASS_MARK/);
    expect(() => validateEnv({ CAPABILITY_DIMENSION_FLOOR: '100.5' })).toThrow(/CAPABILITY_DIMENSION_FLOOR/);
  });

  it('should require DATABASE_URL when DB_TYPE=postgres', () => {
    expect(() => validateEnv({ DB_TYPE: 'postgres' })).toThrow(/DATABASE_URL/);
    expect(validateEnv({ DB_TYPE: 'postgres', DATABASE_URL: 'postgres://x@y/z' }).DATABASE_URL).toBe(
      'postgres://x@y/z',
    );
  });

  it('should keep the API docs for signed-in users and HSTS to this host unless told otherwise', () => {
    expect(validateEnv({})).toMatchObject({ API_DOCS: 'signed-in', HSTS_INCLUDE_SUBDOMAINS: false });
    expect(validateEnv({ API_DOCS: 'off', HSTS_INCLUDE_SUBDOMAINS: 'true' })).toMatchObject({
      API_DOCS: 'off',
      HSTS_INCLUDE_SUBDOMAINS: true,
    });
    expect(() => validateEnv({ API_DOCS: 'yes' })).toThrow(/API_DOCS="yes"/);
  });

  it('should read booleans written as words', () => {
    expect(validateEnv({ COOKIE_SECURE: 'true', TRUST_PROXY: '0' })).toMatchObject({
      COOKIE_SECURE: true,
      TRUST_PROXY: false,
    });
  });

  it('should take PUBLIC_BASE_URL only as an http(s) URL, and default the certificate issuer', () => {
    expect(validateEnv({ PUBLIC_BASE_URL: 'https://training.example.gov.cn' }).PUBLIC_BASE_URL).toBe(
      'https://training.example.gov.cn',
    );
    expect(validateEnv({ PUBLIC_BASE_URL: 'http://10.0.0.5:3000/' }).PUBLIC_BASE_URL).toBe(
      'http://10.0.0.5:3000/',
    );
    for (const bad of ['training.example.gov.cn', 'ftp://example.com', 'javascript:alert(1)']) {
      expect(() => validateEnv({ PUBLIC_BASE_URL: bad })).toThrow(/PUBLIC_BASE_URL/);
    }
    expect(validateEnv({}).CERTIFICATE_ISSUER).toBe('天河区信访局');
  });
});

describe('production secrets', () => {
  const SEAL = 'a-random-import-seal-secret-of-48-characters-123';
  const production = {
    NODE_ENV: 'production',
    DEMO_DATA: 'false',
    IMPORT_SEAL_SECRET: SEAL,
    DEVICE_COOKIE_SECRET: '9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc',
  };

  it('should refuse the shipped demo password when production creates demo accounts', () => {
    expect(() => validateEnv({ ...production, DEMO_DATA: 'true' })).toThrow(
      /DEMO_PASSWORD: the shipped demo password is public/,
    );
    expect(() => validateEnv({ ...production, DEMO_DATA: 'true', DEMO_PASSWORD: 'short1!' })).toThrow(
      /DEMO_PASSWORD: too weak/,
    );
    expect(
      validateEnv({ ...production, DEMO_DATA: 'true', DEMO_PASSWORD: 'A-long-and-local-one-2026' }).DEMO_DATA,
    ).toBe('true');
  });

  it('should refuse default or short database and Redis passwords, naming the variable', () => {
    expect(() =>
      validateEnv({ ...production, DB_TYPE: 'postgres', DATABASE_URL: 'postgres://petition:petition@db/x' }),
    ).toThrow(/DATABASE_URL/);
    expect(() => validateEnv({ ...production, REDIS_PASSWORD: 'redis' })).toThrow(/REDIS_PASSWORD/);
    expect(
      validateEnv({
        ...production,
        DB_TYPE: 'postgres',
        DATABASE_URL: 'postgres://app:Long-Random-Secret-91@db/x',
      }).DB_TYPE,
    ).toBe('postgres');
  });

  it('should require a long DEVICE_COOKIE_SECRET in production only', () => {
    const { DEVICE_COOKIE_SECRET: _unused, ...without } = production;
    expect(() => validateEnv(without)).toThrow(/DEVICE_COOKIE_SECRET: required in production/);
    expect(() => validateEnv({ ...without, DEVICE_COOKIE_SECRET: 'short-secret' })).toThrow(
      /DEVICE_COOKIE_SECRET/,
    );
    expect(validateEnv({ NODE_ENV: 'development' }).DEVICE_COOKIE_SECRET).toBeUndefined();
  });

  it('should require IMPORT_SEAL_SECRET, not the shipped one, and refuse a short one anywhere', () => {
    const { IMPORT_SEAL_SECRET: _seal, ...withoutSeal } = production;
    expect(() => validateEnv(withoutSeal)).toThrow(/IMPORT_SEAL_SECRET: required/);
    expect(() => validateEnv({ ...production, IMPORT_SEAL_SECRET: SHIPPED_IMPORT_SEAL_SECRET })).toThrow(
      /IMPORT_SEAL_SECRET: required/,
    );
    expect(() => validateEnv({ IMPORT_SEAL_SECRET: 'short-secret' })).toThrow(
      /IMPORT_SEAL_SECRET="short-secret"/,
    );
    expect(validateEnv(production).IMPORT_SEAL_SECRET).toBe(SEAL);
  });

  it('should keep the convenient defaults outside production', () => {
    expect(validateEnv({ DEMO_DATA: 'true' }).DEMO_PASSWORD).toBe('Xinfang@2026');
    expect(validateEnv({}).IMPORT_SEAL_SECRET).toBeUndefined(); // the shipped development secret is used
  });
});
