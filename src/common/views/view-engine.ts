import { NestExpressApplication } from '@nestjs/platform-express';
import hbs from 'hbs';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { registerViewHelpers, ViewLabels } from './view-helpers';

/**
 * Handlebars through `hbs`. Partials are registered synchronously (hbs.registerPartials reads the
 * folder asynchronously, so the first request could miss them). Every page uses layouts/main unless
 * it passes `layout`.
 */
export function registerViewEngine(app: NestExpressApplication, viewsDir: string, labels: ViewLabels): void {
  const partialsDir = join(viewsDir, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
  }
  registerViewHelpers(hbs.handlebars, labels);
  app.setBaseViewsDir(viewsDir);
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
}
