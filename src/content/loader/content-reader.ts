import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { treeHashOf } from '../hashing/content-hash';
import type { RawContent, RawCourse, RawItem, RawLesson } from '../model/content-model';
import type { Problem } from '../model/problem';
import { parseYaml, rootToItem, seqToItems } from './yaml-nodes';

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
    if (!this.exists(rel)) return [];
    return readdirSync(join(this.root, rel))
      .filter((name) => !name.startsWith('.') && statSync(join(this.root, rel, name)).isDirectory())
      .sort();
  }

  filesIn(rel: string, pattern: RegExp): string[] {
    if (!this.exists(rel)) return [];
    return readdirSync(join(this.root, rel))
      .filter((name) => pattern.test(name) && statSync(join(this.root, rel, name)).isFile())
      .sort()
      .map((name) => `${rel}/${name}`);
  }

  course(folder: string): RawCourse {
    const base = `courses/${folder}`;
    const courseFile = `${base}/course.yaml`;
    let course: RawItem | null = null;
    if (!this.exists(courseFile)) this.missing(courseFile);
    else {
      const parsed = parseYaml(this.text(courseFile), courseFile);
      this.problems.push(...parsed.problems);
      course = rootToItem(parsed, courseFile, this.problems);
      if (!course && parsed.problems.length === 0) {
        this.problems.push({
          file: courseFile,
          line: 1,
          code: 'COURSE_FIELD_INVALID',
          message: 'course.yaml 为空',
        });
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
    const parsed = parseYaml(this.text(file), file);
    this.problems.push(...parsed.problems);
    return parsed.problems.length > 0 ? null : seqToItems(parsed, file, this.problems);
  }

  yamlMap(file: string): RawItem | null {
    const parsed = parseYaml(this.text(file), file);
    this.problems.push(...parsed.problems);
    return parsed.problems.length > 0 ? null : rootToItem(parsed, file, this.problems);
  }

  /** A lesson: YAML front matter between a leading `---` line and the next `---` line, then Markdown. */
  lesson(file: string): RawLesson | null {
    const lines = this.text(file).split('\n');
    const close = lines[0]?.trim() === '---' ? lines.findIndex((l, i) => i > 0 && l.trim() === '---') : -1;
    if (close < 0) {
      this.problems.push({
        file,
        line: 1,
        code: 'FRONT_MATTER_MISSING',
        message: '课时文件应以 --- 包围的 YAML 头部开始（id、order、title、articles、dimension）',
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

  private text(rel: string): string {
    const raw = readFileSync(join(this.root, rel), 'utf8');
    this.files.push({ path: rel, text: raw });
    return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  }
}
