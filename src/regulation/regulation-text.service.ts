import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppConfig } from '../config/app-config';
import {
  parseRegulationText,
  type RegulationText,
  type RegulationTextArticle,
} from './regulation-text.parser';

export type RegulationTextStatus = 'loaded' | 'not-configured' | 'missing' | 'unreadable';

/**
 * The full official text of the 条例, read once from REGULATION_TEXT_PATH. The project never ships
 * it; without it the app still works and the pages say the full text is not configured.
 */
@Injectable()
export class RegulationTextService implements OnModuleInit {
  private readonly logger = new Logger('RegulationText');
  private text: RegulationText | null = null;
  private state: RegulationTextStatus = 'not-configured';

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.load(this.config.get('REGULATION_TEXT_PATH'));
  }

  /** (Re)reads the text from `path`; unset or unreadable leaves the pages with summaries only. */
  load(path: string | undefined): RegulationTextStatus {
    this.text = null;
    this.state = 'not-configured';
    if (!path) return this.state;
    const file = resolve(path);
    if (!existsSync(file)) {
      this.state = 'missing';
      this.logger.warn(
        `REGULATION_TEXT_PATH ${file} does not exist; the regulation pages show summaries only`,
      );
      return this.state;
    }
    try {
      this.text = parseRegulationText(readFileSync(file, 'utf8'));
      this.state = this.text.articles.size > 0 ? 'loaded' : 'unreadable';
      if (this.state === 'unreadable') this.logger.warn(`No 第X条 articles found in ${file}`);
    } catch (error) {
      this.state = 'unreadable';
      this.logger.warn(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return this.state;
  }

  get available(): boolean {
    return this.state === 'loaded';
  }

  article(n: number): RegulationTextArticle | undefined {
    return this.text?.articles.get(n);
  }

  /** The article's whole text on one line per paragraph, for search; '' when not available. */
  plainText(n: number): string {
    return this.article(n)?.paragraphs.join('\n') ?? '';
  }
}
