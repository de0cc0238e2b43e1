import { ConfigService } from '@nestjs/config';
import { AppConfig } from './app-config';
import { EnvironmentVariables, validateEnv } from './env.validation';

const SEAL = 'a-random-import-seal-secret-of-48-characters-123';
const configFor = (raw: Record<string, string>) =>
  new AppConfig(
    new ConfigService<EnvironmentVariables, true>(validateEnv(raw) as unknown as EnvironmentVariables),
  );

/** A production start needs a device-cookie key (production-secrets.ts). */
const KEY = 'f3a9c1e7b5d2468097bdf13579ace0246813579bdf';

describe(AppConfig.name, () => {
  it('should create demo data by default in development only', () => {
    expect(configFor({ NODE_ENV: 'development' }).demoDataEnabled).toBe(true);
    expect(
      configFor({ NODE_ENV: 'production', IMPORT_SEAL_SECRET: SEAL, DEVICE_COOKIE_SECRET: KEY })
        .demoDataEnabled,
    ).toBe(false);
    expect(configFor({ NODE_ENV: 'test' }).demoDataEnabled).toBe(false);
  });

  it('should create demo data in production only when asked explicitly', () => {
    expect(
      configFor({
        NODE_ENV: 'production',
        DEMO_DATA: 'true',
        DEMO_PASSWORD: 'A-local-demo-password-9',
        IMPORT_SEAL_SECRET: SEAL,
        DEVICE_COOKIE_SECRET: KEY,
      }).demoDataEnabled,
    ).toBe(true);
    expect(configFor({ NODE_ENV: 'development', DEMO_DATA: 'false' }).demoDataEnabled).toBe(false);
  });
});
