import { existsSync, readdirSync, readFileSync, Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { treeHashOf } from '../hashing/content-hash';
import type { RawContent, RawCourse, RawItem, RawLesson } from '../model/content-model';
import type { Problem } from '../model/problem';
import { parseYaml, rootToItem, seqToItems, type ParsedYaml } from './yaml-nodes';

export const ARTICLES_FILE = 'regulation/articles.yaml';

/**
 * Reads content/ into raw items that remember file and line of every field. Nothing is validated
 * here beyond what is needed to read: syntax errors, missing files and wrong top-level shapes.
 */
export function readContent(root: string): RawContent {
  const reader = new TreeReader(root);
  const articles = reader.exists(ARTICLES_FILE)
    ? reader.yamlList(ARTICLES_FILE)
    : reader.missing(ARTICLES_FILE);
  const courses = reader.dirs('courses').map((folder) => reader.course(folder));
  if (!reader.exists('courses')) reader.missing('courses/');
  const exams = reader.filesIn('exams', /\.ya?ml$/i).flatMap((file) => reader.yamlMap(file) ?? []);
  return {
    root,
    articlesFile: ARTICLES_FILE,
    articles,
    courses,
    exams,
    problems: reader.problems,
    treeHash: treeHashOf(reader.files),
  };
}

class TreeReader {
  readonly problems: Problem[] = [];
  readonly files: Array<{ path: string; text: string }> = [];

  constructor(private readonly root: string) {}

  exists(rel: string): boolean {
    return existsSync(join(this.root, rel));
  }

  missing(rel: string): null {
    this.problems.push({ file: rel, line: 1, code: 'FILE_MISSING', message: `缺少文件或目录 ${rel}` });
    return null;
  }

  dirs(rel: string): string[] {
    return this.entries(rel)
      .filter((name) => !name.startsWith('.') && this.stat(`${rel}/${name}`)?.isDirectory())
      .sort();
  }

  filesIn(rel: string, pattern: RegExp): string[] {
    return this.entries(rel)
      .filter((name) => pattern.test(name) && this.stat(`${rel}/${name}`)?.isFile())
      .sort()
      .map((name) => `${rel}/${name}`);
  }

  private entries(rel: string): string[] {
    if (!this.exists(rel)) return [];
    try {
      return readdirSync(join(this.root, rel));
    } catch (error) {
      this.unreadable(rel, error);
      return [];
    }
  }

  /** A dangling symlink or an unreadable entry is a problem of that file; reading goes on with the rest. */
  private stat(rel: string): Stats | null {
    try {
      return statSync(join(this.root, rel));
    } catch (error) {
      this.unreadable(rel, error);
      return null;
    }
  }

  private unreadable(rel: string, error: unknown): void {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const why =
      code === 'ENOENT' ? '它是一个指向不存在文件的符号链接' : code === 'EACCES' ? '没有读取权限' : `读取出错（${code}）`;
    this.problems.push({ file: rel, line: 1, code: 'FILE_UNREADABLE', message: `无法读取 ${rel}：${why}；请修复或删除它` });
  }

  course(folder: string): RawCourse {
    const base = `courses/${folder}`;
    const courseFile = `${base}/course.yaml`;
    let course: RawItem | null = null;
    if (!this.exists(courseFile)) this.missing(courseFile);
    else {
      const text = this.text(courseFile);
      const parsed = text === null ? null : parseYaml(text, courseFile);
      if (parsed) {
        this.problems.push(...parsed.problems);
        course = rootToItem(parsed, courseFile, this.problems);
        if (!course && parsed.problems.length === 0) {
          this.problems.push({ file: courseFile, line: 1, code: 'COURSE_FIELD_INVALID', message: 'course.yaml 为空' });
        }
      }
    }
    const lessons = this.filesIn(`${base}/lessons`, /\.md$/i)
      .map((file) => this.lesson(file))
      .filter((l): l is RawLesson => l !== null);
    const questions = this.filesIn(`${base}/questions`, /\.ya?ml$/i).flatMap(
      (file) => this.yamlList(file) ?? [],
    );
    return { folder, courseFile, course, lessons, questions };
  }

  yamlList(file: string): RawItem[] | null {
    const parsed = this.yaml(file);
    return parsed && seqToItems(parsed, file, this.problems);
  }

  yamlMap(file: string): RawItem | null {
    const parsed = this.yaml(file);
    return parsed && rootToItem(parsed, file, this.problems);
  }

  /** The parsed file, or null when it is missing or not valid YAML (its problems are recorded). */
  private yaml(file: string): ParsedYaml | null {
    const text = this.text(file);
    if (text === null) return null;
    const parsed = parseYaml(text, file);
    this.problems.push(...parsed.problems);
    return parsed.problems.length > 0 ? null : parsed;
  }

  /** A lesson: YAML front matter between a leading `---` line and the next `---` line, then Markdown. */
  lesson(file: string): RawLesson | null {
    const text = this.text(file);
    if (text === null) return null;
    const lines = text.split('\n');
    const close = lines[0]?.trim() === '---' ? lines.findIndex((l, i) => i > 0 && l.trim() === '---') : -1;
    if (close < 0) {
      this.problems.push({
        file,
        line: 1,
        code: 'FRONT_MATTER_MISSING',
        message: '课节文件应以 --- 包围的 YAML 头部开始（id、order、title、articles、dimension）',
      });
      return null;
    }
    const parsed = parseYaml(lines.slice(1, close).join('\n'), file, 2);
    this.problems.push(...parsed.problems);
    const item = rootToItem(parsed, file, this.problems);
    if (!item) {
      if (parsed.problems.length === 0 && !parsed.root)
        {this.problems.push({ file, line: 1, code: 'FRONT_MATTER_MISSING', message: 'YAML 头部为空' });}
      return null;
    }
    return { ...item, line: 1, body: lines.slice(close + 1).join('\n'), bodyLine: close + 2 };
  }

  /** The file's text, or null (reported as FILE_UNREADABLE) when it cannot be read. */
  private text(rel: string): string | null {
    let raw: string;
    try {
      raw = readFileSync(join(this.root, rel), 'utf8');
    } catch (error) {
      this.unreadable(rel, error);
      return null;
    }
    this.files.push({ path: rel, text: raw });
    return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  }
}
