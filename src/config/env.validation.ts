import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { productionSecretProblems, SHIPPED_DEMO_PASSWORD } from './production-secrets';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;

/** Every environment variable the app reads. `.env.example` lists them with their defaults. */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test']) NODE_ENV = 'development';
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() HOST = '0.0.0.0';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  @Transform(toBool) @IsBoolean() TRUST_PROXY = false;
  @IsString() BODY_LIMIT = '1mb';

  @IsIn(['sqlite', 'postgres']) DB_TYPE: 'sqlite' | 'postgres' = 'sqlite';
  @IsString() @IsNotEmpty() SQLITE_PATH = './data/petition-training.sqlite';
  @ValidateIf((env: EnvironmentVariables) => env.DB_TYPE === 'postgres')
  @IsString()
  @IsNotEmpty({ message: 'DATABASE_URL is required when DB_TYPE=postgres' })
  DATABASE_URL?: string;
  @Transform(toBool) @IsBoolean() DB_LOGGING = false;

  @IsString() REDIS_HOST = '127.0.0.1';
  @Type(() => Number) @IsInt() @Min(1) @Max(65535) REDIS_PORT = 6379;
  @IsOptional() @IsString() REDIS_PASSWORD?: string;
  @Type(() => Number) @IsInt() @Min(0) REDIS_DB = 0;
  @IsString() @IsNotEmpty() QUEUE_PREFIX = 'pt';

  @Type(() => Number) @IsInt() @Min(1) @Max(720) SESSION_TTL_HOURS = 12;
  /** A session unused this long is ended (token and page session alike); 0 turns the idle timeout off. */
  @Type(() => Number) @IsInt() @Min(0) @Max(1440) SESSION_IDLE_MINUTES = 30;
  /** The app is reached over TLS (directly or behind a TLS proxy): Secure cookies, and HSTS is sent. */
  @Transform(toBool) @IsBoolean() COOKIE_SECURE = false;
  /** With COOKIE_SECURE: HSTS also covers every subdomain (only when all of them serve HTTPS). */
  @Transform(toBool) @IsBoolean() HSTS_INCLUDE_SUBDOMAINS = false;
  /** The OpenAPI UI and document at /api/docs: for signed-in users, for anyone, or not served (docs/security.md). */
  @IsIn(['signed-in', 'public', 'off']) API_DOCS: 'signed-in' | 'public' | 'off' = 'signed-in';
  @Type(() => Number) @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_ACCOUNT = 10;
  @Type(() => Number) @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_IP = 50;
  @Type(() => Number) @IsInt() @Min(1) LOGIN_WINDOW_SECONDS = 900;

  @IsIn(['auto', 'true', 'false']) DEMO_DATA: 'auto' | 'true' | 'false' = 'auto';
  @IsString() @IsNotEmpty() DEMO_PASSWORD = SHIPPED_DEMO_PASSWORD;

  @IsString() @IsNotEmpty() CONTENT_DIR = './content';
  @Transform(toBool) @IsBoolean() CONTENT_IMPORT_ON_START = true;
  @IsOptional() @IsString() REGULATION_TEXT_PATH?: string;

  /** Days after a course completion expires before the re-opened assignment is overdue again. */
  @Type(() => Number) @IsInt() @Min(0) @Max(365) RECERT_GRACE_DAYS = 30;

  /** The issuing body printed on certificates and the /verify page. */
  @IsString() @IsNotEmpty() @MaxLength(100) CERTIFICATE_ISSUER = '天河区信访局';
  /**
   * Public base of links the app hands out (certificate verify links and QR codes, feeds); never
   * taken from the request's Host header. Default: http://localhost:PORT.
   */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'PUBLIC_BASE_URL must be an http(s) URL such as https://training.example.gov.cn' },
  )
  PUBLIC_BASE_URL?: string;
  /** Failed logins for one account from one address per LOGIN_WINDOW_SECONDS before 429 (docs/security.md). */
  @Type(() => Number) @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_PAIR = 5;
  /** First wait after LOGIN_MAX_FAILURES_PER_ACCOUNT failures from any address; doubles at each further step. */
  @Type(() => Number) @IsInt() @Min(1) @Max(3600) LOGIN_ACCOUNT_DELAY_SECONDS = 60;
  /** Failed logins for user names that do not exist, per address per window; they only slow further unknown names. */
  @Type(() => Number) @IsInt() @Min(1) LOGIN_MAX_UNKNOWN_PER_IP = 100;
  /** HMAC key of the `pt_device` known-device cookie; required in production (32+ characters). */
  @IsOptional() @IsString() DEVICE_COOKIE_SECRET?: string;
  /** Wrong check-in codes one officer may enter for one session per CHECKIN_WINDOW_SECONDS before a wait (docs/sessions.md). */
  @Type(() => Number) @IsInt() @Min(1) @Max(100) CHECKIN_MAX_WRONG_CODES = 5;
  @Type(() => Number) @IsInt() @Min(1) @Max(86400) CHECKIN_WINDOW_SECONDS = 600;
  /** Password hashes computed at once (each holds a libuv worker thread); the rest queue in order. */
  @Type(() => Number) @IsInt() @Min(1) @Max(64) PASSWORD_HASH_CONCURRENCY = 2;
  /** Shown on the login page: whom to contact when a password is lost or an account is disabled. */
  @IsString() @IsNotEmpty() HELPDESK_CONTACT = '请联系本单位系统管理员';
  /** Seconds after a quiz attempt's deadline in which a submit still counts (network delay). */
  @Type(() => Number) @IsInt() @Min(0) @Max(600) QUIZ_DEADLINE_GRACE_SECONDS = 30;
  /** Minutes after a 提醒未读人员 before another reminder of the same notice may be sent (docs/sessions.md). */
  @Type(() => Number) @IsInt() @Min(1) @Max(10080) NOTICE_REMIND_COOLDOWN_MINUTES = 60;

  /** With DB_TYPE=sqlite: the driver. `sqlite3` stays the default; `better-sqlite3` is faster (docs/performance.md). */
  @IsIn(['sqlite3', 'better-sqlite3']) SQLITE_DRIVER: 'sqlite3' | 'better-sqlite3' = 'sqlite3';
  /** SQLite `synchronous` (WAL): `normal` survives an app crash; `full` also the last commits on power loss. */
  @IsIn(['normal', 'full']) SQLITE_SYNCHRONOUS: 'normal' | 'full' = 'normal';
  /**
   * With DB_TYPE=sqlite: how long a write waits for the file's write lock held by another process (the
   * scoring worker, a backup) before it fails with 503 DATABASE.BUSY. Below the 10 s shutdown deadline.
   */
  @Type(() => Number) @IsInt() @Min(100) @Max(8000) SQLITE_BUSY_WAIT_MS = 5000;
  /** Capability scoring (docs/scoring.md): the queue worker in this process, the outbox relay's poll interval, full-run chunk size, the nightly run and the canary. */
  @IsIn(['true', 'false']) SCORING_WORKER: 'true' | 'false' = 'true';
  @Type(() => Number) @IsInt() @Min(50) @Max(600000) OUTBOX_POLL_MS = 2000;
  /** A published event not processed after this long whose job is gone from Redis is queued again (also how often that is checked). */
  @Type(() => Number) @IsInt() @Min(1) @Max(86400) OUTBOX_REQUEUE_SECONDS = 300;
  @Type(() => Number) @IsInt() @Min(1) @Max(100000) SCORING_CHUNK_SIZE = 2000;
  @IsString() @IsNotEmpty() SCORING_NIGHTLY_CRON = '30 2 * * *';
  @Type(() => Number) @IsInt() @Min(0) @Max(3600) SCORING_CANARY_SECONDS = 60;
  /** 学时 an officer must earn in a year (学时达标率, docs/scoring.md); half hours allowed. */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  TRAINING_HOURS_REQUIRED = 12;
  /** Model cap-2 (docs/scoring.md): a dimension with fewer counted first answers than this is 未评定. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1000) CAPABILITY_MIN_ANSWERS = 5;
  /** 能力达标 (docs/scoring.md): the overall 80 % interval's lower bound must reach this pass mark … */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100)
  CAPABILITY_PASS_MARK = 60;
  /** … and no rated dimension's estimate may be below this floor. */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0)
  @Max(100)
  CAPABILITY_DIMENSION_FLOOR = 50;
  /** Competency dashboard snapshots (docs/reports.md): how old an out-of-date snapshot may be served while it refreshes (0: never). */
  @Type(() => Number) @IsInt() @Min(0) @Max(3600) REPORT_STALE_SECONDS = 60;
  /** Seconds between background refreshes of the snapshots viewed lately (0: off). */
  @Type(() => Number) @IsInt() @Min(0) @Max(86400) REPORT_REFRESH_SECONDS = 60;
  /**
   * Queued user imports travel through Redis sealed with a key derived from this secret: the same value
   * on every app instance and the worker (docs/operations.md). Required in production; a fixed default otherwise.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'IMPORT_SEAL_SECRET must be at least 32 characters (e.g. openssl rand -hex 32)' })
  IMPORT_SEAL_SECRET?: string;
}

/** Used by ConfigModule: a wrong or missing value stops the app with a message naming the variable. */
export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
  const env = plainToInstance(EnvironmentVariables, cleaned, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  ${e.property}=${JSON.stringify(cleaned[e.property] ?? null)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new Error(`Invalid environment variables:\n${lines.join('\n')}`);
  }
  const secrets = productionSecretProblems(env);
  if (secrets.length > 0) {
    throw new Error(
      `Refusing to start in production with weak secrets:\n${secrets.map((line) => `  ${line}`).join('\n')}`,
    );
  }
  return env;
}
