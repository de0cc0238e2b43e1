import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EnvironmentVariables } from './env.validation';

/** Typed read access to the validated environment. Inject this instead of ConfigService. */
@Injectable()
export class AppConfig {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  get<K extends keyof EnvironmentVariables>(key: K): EnvironmentVariables[K] {
    return this.config.get(key, { infer: true });
  }

  get isProduction(): boolean {
    return this.get('NODE_ENV') === 'production';
  }

  get demoDataEnabled(): boolean {
    const flag = this.get('DEMO_DATA');
    return flag === 'true' || (flag === 'auto' && this.get('NODE_ENV') === 'development');
  }
}
