/**
 * Officers' everyday words mapped to the words the 2022 《信访工作条例》 uses, so the regulation
 * search finds the article an officer means. Wording only: an entry never adds a fact (no limit, no
 * body, no rule); it only says which words of the text to look for. A query word containing a term
 * matches when the rest of the word matches and any of the term's text words does. Every text word
 * occurs in the 2022 text (checked by hand against the official text and, through the project's
 * excerpt, by search-terms.spec.ts). Documented in docs/learning.md (条例检索).
 */
export interface OfficerTerm {
  /** What officers type. Not a phrase of the 2022 text itself (网上信访 is: 第十九、二十一条, so no entry). */
  term: string;
  /** Words of the 2022 text any of which the term stands for. */
  textWords: readonly string[];
}

export const OFFICER_TERMS: readonly OfficerTerm[] = [
  // 督查督办 as one word: the text has 督查 (第三十八条 专项督查) and 督办 (第三十九、四十条) apart.
  { term: '督查督办', textWords: ['督查', '督办'] },
  // 越级 (going over a level): 第二十条 says where a 走访 is made: 本级或者上一级.
  { term: '越级', textWords: ['本级或者上一级'] },
  // 上访: the text says 信访 for the whole activity and 走访 for coming in person (第十七、二十条).
  { term: '上访', textWords: ['信访', '走访'] },
  // 重复信访: the text's wording is 以同一事实和理由提出投诉请求 (第三十六条).
  { term: '重复信访', textWords: ['同一事实和理由'] },
  // 诉访分离: the text says 诉讼与信访分离 (第二十八条).
  { term: '诉访分离', textWords: ['诉讼与信访分离'] },
];

/**
 * Day counts: officers say 十五天, the text writes 15日 (十五日 in other texts). Applied to the
 * normalised query, where 十五 already reads 15: 「15天」 → 「15日」.
 */
export const DAY_COUNT = { pattern: /(\d+)天/g, textWord: '$1日' } as const;
