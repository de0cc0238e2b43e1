import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { join } from 'node:path';
import { AuthSessionsService } from './auth/auth-sessions.service';
import { requestToken } from './auth/guards/auth.guard';
import { setupApiDocs } from './common/openapi/api-docs';
import { AppExceptionFilter } from './common/filters/app-exception.filter';
import { bodyParsers } from './common/http/body-parsers';
import { noStore } from './common/http/no-store';
import { rejectNulCharacters } from './common/http/reject-nul';
import { createValidationPipe } from './common/errors/validation';
import { registerViewEngine } from './common/views/view-engine';
import { AppConfig } from './config/app-config';
import { UNIT_KIND_LABELS } from './units/entities/unit.entity';
import { ROLE_LABELS } from './users/entities/user.entity';

export const ROOT_DIR = join(__dirname, '..');

/**
 * Everything that makes the app behave as the app: used by main.ts and by every e2e test, so the
 * tests exercise exactly what users get. Create the app with `{ bodyParser: false, bufferLogs: true }`.
 */
export function configureApp(nestApp: INestApplication): NestExpressApplication {
  const app = nestApp as NestExpressApplication;
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  if (config.get('TRUST_PROXY')) app.set('trust proxy', 1);
  app.disable('x-powered-by');

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      // HSTS only when the app is served over TLS (COOKIE_SECURE): over plain HTTP it would tell
      // browsers to insist on an HTTPS that does not exist. Subdomains only when asked for.
      strictTransportSecurity: config.get('COOKIE_SECURE')
        ? { maxAge: 31536000, includeSubDomains: config.get('HSTS_INCLUDE_SUBDOMAINS') }
        : false,
    }),
  );
  const limit = config.get('BODY_LIMIT');
  for (const parser of bodyParsers(limit)) app.use(parser);
  app.use(rejectNulCharacters);
  app.use(cookieParser());
  app.useStaticAssets(join(ROOT_DIR, 'views', 'assets'), { prefix: '/assets/', maxAge: '1h' });
  // Browsers ask for /favicon.ico whatever the page links; answer with the same icon, not a 404.
  app.use('/favicon.ico', (_req: unknown, res: { redirect: (status: number, url: string) => void }) =>
    res.redirect(301, '/assets/favicon.svg'),
  );
  app.use(noStore);

  registerViewEngine(app, join(ROOT_DIR, 'views'), { roles: ROLE_LABELS, unitKinds: UNIT_KIND_LABELS });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AppExceptionFilter());

  const sessions = app.get(AuthSessionsService);
  setupApiDocs(app, config.get('API_DOCS'), async (req) => {
    const sent = requestToken(req);
    return sent ? (await sessions.resolve(sent.token, sent.via)) !== null : false;
  });
  return app;
}
