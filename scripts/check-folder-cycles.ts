/**
 * Folder-level import cycles under src/: every file's relative imports (static, `export … from`,
 * `import()` and `require()`, type-only ones too, since they couple the folders just the same) are
 * reduced to edges between top-level folders src/<a> → src/<b>, and any strongly connected group of
 * folders is a cycle. Files directly in src/ (app.module.ts, main.ts, …) are the composition root and
 * may import anything, so they are not part of the graph.
 *
 * Run: `npx ts-node --transpile-only scripts/check-folder-cycles.ts` (also part of `npm run lint`).
 * Exit code 1 and the cycle printed when one exists.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * TEMPORARY: edges that still close a cycle, as `from -> to`, each against the intended order
 * (lowest first) auth, audit, units, users, notifications, content, regulation, completions, quizzes,
 * assignments. With them set aside the folder graph is acyclic, and a NEW cycle fails the check.
 * Remove a line when its edge is gone; never add one without saying which issue removes it.
 */
export const ALLOWED_EDGES: readonly string[] = [
  'auth -> users', // login reads the User entity / UsersService; needs a user-lookup port owned by auth
  'auth -> audit', // login events are audited; needs an audit port (interface) owned by auth
  'audit -> users', // audit-labels/presenter show user names and role labels
  'audit -> units', // audit-labels/presenter show unit names and unit-kind labels
  'units -> users', // scope.service counts users per unit
  'content -> quizzes', // content/entities/index.ts and import/quiz-sync.ts register and sync the Quiz entity
  'content -> regulation', // content/validation/regulation-quotes.ts checks quotes against the regulation text
  'completions -> quizzes', // completions.service reads the Quiz entity and quiz-grade.sql for pass marks
];

export type FolderGraph = Map<string, Map<string, string[]>>; // from → to → files that make the edge

function* tsFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/** Module specifiers a source text imports, found with the TypeScript parser (not a regex). */
export function importSpecifiers(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) found.push(expr.text);
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length > 0 &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      const isDynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamic || isRequire) found.push(node.arguments[0].text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The top-level folder of a path inside srcDir, or null for files directly in srcDir / outside it. */
function topFolder(srcDir: string, file: string): string | null {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : null;
}

export function buildFolderGraph(srcDir: string, skip: (file: string) => boolean = () => false): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of tsFiles(srcDir)) {
    if (skip(file)) continue;
    const from = topFolder(srcDir, file);
    if (!from) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const spec of importSpecifiers(file, fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const to = topFolder(srcDir, path.resolve(path.dirname(file), spec));
      if (!to || to === from) continue;
      const edges = graph.get(from)!;
      const files = edges.get(to) ?? [];
      files.push(path.relative(srcDir, file));
      edges.set(to, files);
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan), ignoring allowed edges. */
export function findCycles(graph: FolderGraph, allowed: readonly string[] = ALLOWED_EDGES): string[][] {
  const skip = new Set(allowed);
  const next = (v: string) => [...(graph.get(v)?.keys() ?? [])].filter((w) => !skip.has(`${v} -> ${w}`));
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return cycles;
}

/** The edges inside one cycle, each with the first file that makes it, for the error message. */
export function describeCycle(
  graph: FolderGraph,
  cycle: string[],
  allowed: readonly string[] = ALLOWED_EDGES,
): string[] {
  const members = new Set(cycle);
  const lines: string[] = [];
  for (const from of cycle) {
    for (const [to, files] of graph.get(from) ?? []) {
      if (members.has(to) && !allowed.includes(`${from} -> ${to}`)) {
        lines.push(
          `  ${from} -> ${to}  (${files[0]}${files.length > 1 ? ` and ${files.length - 1} more` : ''})`,
        );
      }
    }
  }
  return lines;
}

if (require.main === module) {
  const srcDir = path.resolve(__dirname, '..', 'src');
  // Specs may reach across folders to set up a case; only production code forms the layering.
  const graph = buildFolderGraph(srcDir, (f) => f.endsWith('.spec.ts'));
  const cycles = findCycles(graph);
  // An allowed edge that no longer exists must leave the list, so the list only ever shrinks.
  const stale = ALLOWED_EDGES.filter((e) => {
    const [from, to] = e.split(' -> ');
    return !graph.get(from)?.has(to);
  });
  if (stale.length > 0) {
    console.error(
      `folder cycles: these allowed edges are gone; delete them from ALLOWED_EDGES: ${stale.join(', ')}`,
    );
    process.exit(1);
  }
  if (cycles.length === 0) {
    console.log(
      `folder cycles: none among ${graph.size} folders of src/ (${ALLOWED_EDGES.length} edges still allowed, see ALLOWED_EDGES)`,
    );
  } else {
    for (const cycle of cycles) {
      console.error(`folder cycle between ${cycle.length} folders: ${cycle.join(', ')}`);
      console.error(describeCycle(graph, cycle).join('\n'));
    }
    process.exit(1);
  }
}
