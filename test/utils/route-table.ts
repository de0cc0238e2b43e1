import type { NestExpressApplication } from '@nestjs/platform-express';

export interface AppRoute {
  method: string;
  path: string;
  /** "METHOD /path", the key the suites' tables use. */
  key: string;
}

/** Served by Swagger's own middleware and the 404 catch-all, not by the app's controllers. */
const NOT_APP_ROUTES = [/^\/api\/docs/, /^\/\{\*path\}$/];

/**
 * Every route the running app answers, read from Express's router (what Nest registered), so a
 * route added by any feature shows up here without anyone listing it.
 */
export function appRoutes(app: NestExpressApplication): AppRoute[] {
  const router = (app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } }).router;
  const routes: AppRoute[] = [];
  for (const layer of router.stack) {
    if (!layer.route || NOT_APP_ROUTES.some((re) => re.test(layer.route?.path ?? ''))) continue;
    for (const method of Object.keys(layer.route.methods)) {
      const upper = method.toUpperCase();
      routes.push({ method: upper, path: layer.route.path, key: `${upper} ${layer.route.path}` });
    }
  }
  return routes;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Fills `:param` placeholders. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`));
}
