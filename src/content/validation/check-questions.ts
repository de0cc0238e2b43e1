import { TRUEFALSE_OPTIONS, type RawItem } from '../model/content-model';
import {
  checkArticles,
  checkDimension,
  checkId,
  checkText,
  checkUnknownFields,
  isInt,
  isMissing,
  isText,
  Reporter,
} from './reporter';

const QUESTION_FIELDS = [
  'id',
  'type',
  'stem',
  'options',
  'answer',
  'explanation',
  'articles',
  'dimension',
  'difficulty',
  'family',
] as const;
/** A family name: lower-case letters, digits and hyphens, like the ids. */
const FAMILY = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];
/** 「第二十二条」「第22条」: an explanation must say which article it rests on. */
export const ARTICLE_MENTION = /第[〇零一二两三四五六七八九十百\d０-９]+条/;

/** Checks one question of a bank on its own; uniqueness across files is checked elsewhere. */
export function checkQuestion(r: Reporter, q: RawItem): void {
  checkUnknownFields(r, q, QUESTION_FIELDS);
  checkId(r, q);
  checkText(r, q, 'stem');
  checkText(r, q, 'explanation');
  if (isText(q.data.explanation) && !ARTICLE_MENTION.test(q.data.explanation)) {
    r.add(
      q,
      'explanation',
      'EXPLANATION_NO_ARTICLE',
      'explanation 没有写明依据的条款（如「依据第二十二条……」）',
    );
  }
  checkArticles(r, q);
  checkDimension(r, q);
  const difficulty = q.data.difficulty;
  if (isMissing(difficulty)) r.add(q, null, 'FIELD_MISSING', '缺少 difficulty');
  else if (!isInt(difficulty) || difficulty < 1 || difficulty > 3) {
    r.add(
      q,
      'difficulty',
      'DIFFICULTY_INVALID',
      `difficulty ${JSON.stringify(difficulty)} 无效，应为 1（识记）、2（理解）或 3（应用）`,
    );
  }
  const family = q.data.family;
  if (!isMissing(family) && (typeof family !== 'string' || !FAMILY.test(family))) {
    r.add(q, 'family', 'FAMILY_INVALID', `family ${JSON.stringify(family)} 无效，应为小写字母、数字和连字符（如 ch4-60-day-rule）`);
  }
  checkTypeOptionsAnswer(r, q);
}

function checkTypeOptionsAnswer(r: Reporter, q: RawItem): void {
  const { type, answer } = q.data;
  if (isMissing(type)) r.add(q, null, 'FIELD_MISSING', '缺少 type');
  else if (type !== 'single' && type !== 'multiple' && type !== 'truefalse') {
    r.add(q, 'type', 'TYPE_INVALID', `type ${JSON.stringify(type)} 无效，应为 single | multiple | truefalse`);
  }
  if (
    answer === undefined ||
    answer === null ||
    answer === '' ||
    (Array.isArray(answer) && answer.length === 0)
  ) {
    r.add(q, answer === undefined ? null : 'answer', 'ANSWER_MISSING', '缺少 answer');
    if (type === 'single' || type === 'multiple') checkOptions(r, q);
    if (type === 'truefalse' && q.data.options !== undefined) truefalseHasOptions(r, q);
    return;
  }
  if (type === 'truefalse') {
    if (q.data.options !== undefined) truefalseHasOptions(r, q);
    if (typeof answer !== 'boolean')
      {r.add(
        q,
        'answer',
        'ANSWER_INVALID',
        `判断题的 answer 应为 true 或 false，而不是 ${JSON.stringify(answer)}`,
      );}
    return;
  }
  if (type !== 'single' && type !== 'multiple') return;
  const letters = checkOptions(r, q);
  if (type === 'single') {
    if (typeof answer !== 'string') {
      r.add(
        q,
        'answer',
        'ANSWER_INVALID',
        `单选题的 answer 应为一个字母（如 answer: B），而不是 ${JSON.stringify(answer)}`,
      );
    } else if (letters && !letters.includes(answer)) {
      r.add(q, 'answer', 'ANSWER_NOT_OPTION', `answer ${answer} 不是选项之一（选项：${letters.join('、')}）`);
    }
    return;
  }
  const list = Array.isArray(answer) ? answer : [answer];
  if (list.length < 2)
    {r.add(
      q,
      'answer',
      'MULTIPLE_TOO_FEW_ANSWERS',
      `多选题至少要有两个正确答案（如 answer: [A, C]），现在是 ${JSON.stringify(answer)}`,
    );}
  const seen = new Set<unknown>();
  list.forEach((letter, i) => {
    const field = Array.isArray(answer) ? `answer.${i}` : 'answer';
    if (seen.has(letter)) r.add(q, field, 'ANSWER_INVALID', `answer 中 ${String(letter)} 重复`);
    else if (typeof letter !== 'string')
      {r.add(q, field, 'ANSWER_INVALID', `answer 中的 ${JSON.stringify(letter)} 应为选项字母`);}
    else if (letters && !letters.includes(letter))
      {r.add(q, field, 'ANSWER_NOT_OPTION', `answer ${letter} 不是选项之一（选项：${letters.join('、')}）`);}
    seen.add(letter);
  });
}

function truefalseHasOptions(r: Reporter, q: RawItem): void {
  const fixed = TRUEFALSE_OPTIONS.map((o) => o.text).join('/');
  r.add(q, 'options', 'TRUEFALSE_HAS_OPTIONS', `判断题不写 options（选项固定为 ${fixed}），请删除 options`);
}

/** Returns the option letters when the options are well formed enough to check the answer against. */
function checkOptions(r: Reporter, q: RawItem): string[] | null {
  const options = q.data.options;
  if (options === undefined || options === null) {
    r.add(q, null, 'OPTIONS_INVALID', '单选题和多选题需要 options（A: … B: …，2 到 6 项）');
    return null;
  }
  if (typeof options !== 'object' || Array.isArray(options)) {
    r.add(q, 'options', 'OPTIONS_INVALID', 'options 应为 “字母: 选项文字” 的映射，如 A: 15日');
    return null;
  }
  const entries = Object.entries(options as Record<string, unknown>);
  if (entries.length < 2 || entries.length > 6)
    {r.add(q, 'options', 'OPTIONS_INVALID', `options 应有 2 到 6 项，现在有 ${entries.length} 项`);}
  for (const [letter, text] of entries) {
    if (!LETTERS.includes(letter))
      {r.add(q, `options.${letter}`, 'OPTIONS_INVALID', `选项字母 ${letter} 无效，应为 A 到 F`);}
    else if (!isText(text) && typeof text !== 'number')
      {r.add(q, `options.${letter}`, 'OPTIONS_INVALID', `选项 ${letter} 没有文字`);}
  }
  return entries.map(([letter]) => letter);
}
