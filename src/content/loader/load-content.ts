import type { ContentTree, RawContent } from '../model/content-model';
import type { Problem } from '../model/problem';
import { validateContent } from '../validation/validate-content';
import { buildContentTree } from './content-builder';
import { readContent } from './content-reader';

export interface LoadedContent {
  raw: RawContent;
  tree: ContentTree;
  problems: Problem[];
}

/** Reads, validates and types the content directory in one go (content:check, stats and import use it). */
export function loadContent(root: string): LoadedContent {
  const raw = readContent(root);
  return { raw, tree: buildContentTree(raw), problems: validateContent(raw) };
}
