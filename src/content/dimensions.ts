/** The 五个法治化 dimensions with their labels; every lesson and question belongs to exactly one. */
export const DIMENSION_LABELS = {
  prevention: '预防法治化',
  acceptance: '受理法治化',
  handling: '办理法治化',
  supervision: '监督追责法治化',
  order: '维护秩序法治化',
};
export type Dimension = keyof typeof DIMENSION_LABELS;
/** The codes in the order written above (the order pages and reports list them in): one list, not two. */
export const DIMENSIONS = Object.keys(DIMENSION_LABELS) as readonly Dimension[];

export const CHAPTERS: Record<number, { title: string; first: number; last: number }> = {
  1: { title: '第一章 总则', first: 1, last: 6 },
  2: { title: '第二章 信访工作体制', first: 7, last: 16 },
  3: { title: '第三章 信访事项的提出和受理', first: 17, last: 26 },
  4: { title: '第四章 信访事项的办理', first: 27, last: 37 },
  5: { title: '第五章 监督和追责', first: 38, last: 47 },
  6: { title: '第六章 附则', first: 48, last: 50 },
};
export const ARTICLE_COUNT = 50;
