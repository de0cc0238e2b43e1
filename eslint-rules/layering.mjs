// Local ESLint rule (no plugin to install): src/common and src/database are shared layers and must not
// import a feature folder. The import is resolved against the file's own path, so `../search/x` inside
// src/common/http (which is src/common/search) is told apart from the `search` feature. See docs/architecture.md.
import path from 'node:path';

/** Top-level folders of src/ that are not features: what each shared layer may import. */
export const SHARED_LAYERS = {
  common: ['common', 'config', 'types'],
  database: ['database', 'common', 'config', 'types'],
};

const topFolder = (srcDir, file) => {
  const rel = path.relative(srcDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : null;
};

const noFeatureImports = {
  meta: {
    type: 'problem',
    docs: { description: 'src/common and src/database import no feature folder' },
    messages: {
      feature: "src/{{layer}} is a shared layer and must not import the '{{target}}' feature ({{spec}}). Move the shared part into src/{{layer}}, or pass it in as a parameter.",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    // The nearest src/ above the file: works for the real tree and for lintText fixtures alike.
    const at = file.split(path.sep).lastIndexOf('src');
    if (at < 0) return {};
    const srcDir = file.split(path.sep).slice(0, at + 1).join(path.sep);
    const layer = topFolder(srcDir, file);
    const allowed = SHARED_LAYERS[layer];
    if (!allowed) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = topFolder(srcDir, path.resolve(path.dirname(file), spec));
      if (target && !allowed.includes(target)) context.report({ node, messageId: 'feature', data: { layer, target, spec } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node.moduleReference, node.moduleReference.expression.value),
    };
  },
};

export default { rules: { 'no-feature-imports': noFeatureImports } };
