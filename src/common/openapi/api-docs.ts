import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';

export type ApiDocsMode = 'signed-in' | 'public' | 'off';

/** Where SwaggerModule serves the UI (and its assets and inline document under it) and the raw document. */
const UI_PATH = 'api/docs';
const DOCUMENT_PATHS = ['/api/docs', '/api/docs-json', '/api/docs-yaml'];

/**
 * The OpenAPI UI at /api/docs and the document at /api/docs-json (docs/security.md, API_DOCS). By
 * default only for signed-in users: the document maps every route and parameter, which an anonymous
 * visitor has no use for. `signedIn` answers whether the request carries a valid session or token.
 */
export function setupApiDocs(
  app: NestExpressApplication,
  mode: ApiDocsMode,
  signedIn: (req: Request) => Promise<boolean>,
): void {
  if (mode === 'off') return; // not served at all: the app's ordinary 404
  if (mode === 'signed-in') {
    // Mounted before SwaggerModule's routes, with Express's own path matching (case, trailing slash).
    const gate = (req: Request, res: Response, next: NextFunction) => {
      signedIn(req).then((ok) => (ok ? next() : refuse(req, res)), next);
    };
    for (const path of DOCUMENT_PATHS) app.use(path, gate);
  }
  const openApi = new DocumentBuilder()
    .setTitle('petition-training API')
    .setDescription(
      '信访干部培训与能力评价平台 JSON API。错误响应为 { statusCode, code, message, errors? }，code 为稳定的 AREA.REASON（见 docs/api-notes.md）。',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup(UI_PATH, app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs-json',
  });
}

/** A browser opening the UI signs in and comes back; anything else gets the API's 401. */
function refuse(req: Request, res: Response): void {
  const accept = req.headers.accept ?? '';
  if (req.method === 'GET' && accept.includes('text/html')) {
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  res.status(401).json({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED', message: '请先登录' });
}
