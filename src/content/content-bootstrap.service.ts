import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ContentImportReport, ContentImportStatusService } from './import/content-import-status.service';
import { ContentImportService } from './import/content-import.service';
import { describeSummary } from './import/import-summary';
import { ContentInvalidError } from './model/problem';

/**
 * Imports changed content when the app starts (CONTENT_IMPORT_ON_START, on by default). A broken
 * content tree must not take the site down: the problems are logged and the previously imported
 * content keeps being served.
 */
@Injectable()
export class ContentBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ContentImport');

  constructor(
    private readonly config: AppConfig,
    private readonly importer: ContentImportService,
    private readonly status: ContentImportStatusService,
  ) {}

  private imported?: Promise<void>;

  /** Memoised: the demo data waits on the same import, whichever bootstrap hook runs first. */
  onApplicationBootstrap(): Promise<void> {
    return (this.imported ??= this.importOnStart());
  }

  private async importOnStart(): Promise<void> {
    if (!this.config.get('CONTENT_IMPORT_ON_START')) return;
    const dir = this.config.get('CONTENT_DIR');
    try {
      const summary = await this.importer.importFrom(dir);
      this.logger.log(`Content import from ${dir}: ${describeSummary(summary)}`);
      await this.remember({ outcome: 'ok', contentDir: dir, problems: [], summary: describeSummary(summary) });
    } catch (error) {
      if (error instanceof ContentInvalidError) {
        const lines = error.problems.map((p) => `  ${p.file}:${p.line}  ${p.code}  ${p.message}`);
        this.logger.error(
          `Content in ${dir} is invalid (${error.problems.length} problems); serving the previously imported content.\n${lines.join('\n')}`,
        );
        await this.remember({ outcome: 'kept_previous', contentDir: dir, problems: error.problems });
      } else {
        this.logger.error(
          `Content import from ${dir} failed; serving the previously imported content: ${error instanceof Error ? error.stack : String(error)}`,
        );
        const message = error instanceof Error ? error.message : String(error);
        await this.remember({ outcome: 'failed', contentDir: dir, problems: [], summary: message });
      }
    }
  }

  /** The outcome for /admin/content; failing to store it must not stop the app either. */
  private async remember(report: ContentImportReport): Promise<void> {
    try {
      await this.status.record(report);
    } catch (error) {
      this.logger.error(`Could not store the content import outcome: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
