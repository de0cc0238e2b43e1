import { isMap, isNode, isScalar, isSeq, LineCounter, Node, parseDocument, YAMLMap } from 'yaml';
import type { RawItem } from '../model/content-model';
import type { Problem } from '../model/problem';

export interface ParsedYaml {
  /** The document's root node, or null when the file is empty or has syntax errors. */
  root: Node | null;
  /** The same document as plain JavaScript values (aliases resolved). */
  value: unknown;
  problems: Problem[];
  /** 1-based line of a character offset in the parsed text, shifted by the text's first line. */
  lineAt(offset: number): number;
}

/**
 * Parses YAML keeping positions. `firstLine` is the file line of the text's first line (2 for lesson
 * front matter, which starts after the opening `---`). YAML 1.2 core schema: `yes` stays a string.
 */
export function parseYaml(text: string, file: string, firstLine = 1): ParsedYaml {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: true });
  const lineAt = (offset: number) => Math.max(counter.linePos(offset).line, 1) + firstLine - 1;
  const problems: Problem[] = doc.errors.map((e) => ({
    file,
    line: lineAt(e.pos[0]),
    code: 'YAML_SYNTAX',
    message: `YAML 语法错误：${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  const root = problems.length === 0 && isNode(doc.contents) ? doc.contents : null;
  return { root, value: root ? doc.toJS({ maxAliasCount: 100 }) : null, problems, lineAt };
}

const startOf = (node: unknown): number => {
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? range[0] : 0;
};

/** A YAML map as a RawItem: plain values plus the line of every field and nested entry. */
export function mapToItem(
  map: YAMLMap,
  value: unknown,
  file: string,
  lineAt: (offset: number) => number,
): RawItem {
  const data = isRecord(value) ? value : {};
  const lines: Record<string, number> = {};
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    lines[key] = lineAt(startOf(pair.key));
    collectNestedLines(pair.value, key, lines, lineAt);
  }
  return { file, line: lineAt(startOf(map)), data, lines };
}

function collectNestedLines(
  value: unknown,
  prefix: string,
  lines: Record<string, number>,
  lineAt: (o: number) => number,
): void {
  if (isSeq(value)) {
    value.items.forEach((item, i) => (lines[`${prefix}.${i}`] = lineAt(startOf(item))));
  } else if (isMap(value)) {
    for (const pair of value.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      lines[`${prefix}.${key}`] = lineAt(startOf(pair.key));
    }
  }
}

/** A node that is not the list or map the file needs, reported at its line. */
function wrongShape(
  file: string,
  lineAt: ParsedYaml['lineAt'],
  node: unknown,
  code: 'NOT_A_LIST' | 'NOT_A_MAP',
  message: string,
): Problem {
  return { file, line: lineAt(startOf(node)), code, message };
}

/** The maps of a top-level YAML list; anything else in the list is reported. */
export function seqToItems(parsed: ParsedYaml, file: string, problems: Problem[]): RawItem[] {
  const { root, lineAt } = parsed;
  if (root === null) return [];
  if (!isSeq(root)) {
    problems.push(wrongShape(file, lineAt, root, 'NOT_A_LIST', '文件内容应为一个 YAML 列表（每项以 “- ” 开头）'));
    return [];
  }
  const values = Array.isArray(parsed.value) ? parsed.value : [];
  const items: RawItem[] = [];
  root.items.forEach((node, i) => {
    if (isMap(node)) items.push(mapToItem(node, values[i], file, lineAt));
    else problems.push(wrongShape(file, lineAt, node, 'NOT_A_MAP', '列表中的每一项应为 “字段: 值” 形式的映射'));
  });
  return items;
}

/** The root map of a YAML document (course.yaml, lesson front matter). */
export function rootToItem(parsed: ParsedYaml, file: string, problems: Problem[]): RawItem | null {
  const { root, lineAt } = parsed;
  if (root === null) return null;
  if (!isMap(root)) {
    problems.push(wrongShape(file, lineAt, root, 'NOT_A_MAP', '文件内容应为 “字段: 值” 形式的映射'));
    return null;
  }
  return mapToItem(root, parsed.value, file, lineAt);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
