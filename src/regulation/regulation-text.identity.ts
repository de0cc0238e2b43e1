import { CHAPTERS } from '../content/dimensions';
import { parseChineseNumber, toChineseNumber } from '../common/text/chinese-numerals';
import { CHAPTER_HEADING, type RegulationText } from './regulation-text.parser';

/** Which identity check a problem failed; the admin page and the CLI name it in Chinese. */
export type RegulationIdentityCheck = 'title' | 'chapters' | 'effective-date';

export interface RegulationIdentityProblem {
  line: number | null;
  check: RegulationIdentityCheck;
  message: string;
}

export const REGULATION_TITLE = '信访工作条例';
/** 第五十条 of the 2022 text, verbatim: 「本条例自2022年5月1日起施行。」 */
export const EFFECTIVE_DATE_CLAUSE = '本条例自2022年5月1日起施行';
const EFFECTIVE_ARTICLE = 50;

const CHECK_NAMES: Record<RegulationIdentityCheck, string> = {
  title: '标题',
  chapters: '章标题',
  'effective-date': '第五十条施行日期',
};
export const identityCheckName = (c: RegulationIdentityCheck) => CHECK_NAMES[c];

const WHAT_2005_IS =
  '2005年国务院《信访条例》已被2022年《信访工作条例》取代，请上传2022年的《信访工作条例》全文';
const collapse = (s: string) => s.replace(/[\s\u3000]+/g, ' ').trim();
const compact = (s: string) => s.replace(/[\s\u3000]+/g, '');

/**
 * Is this the 2022 《信访工作条例》 and not the 2005 国务院《信访条例》 (which also has 50 articles
 * once its 第五十一条 is cut)? Three independent checks, each naming what it found and what the 2022
 * text has: the title, the six chapter headings with their article ranges, and 第五十条's effective
 * date. Renaming the title alone, or the chapters alone, still leaves the others failing.
 */
export function checkRegulationIdentity(
  lines: string[],
  text: RegulationText,
  { structureSound }: { structureSound: boolean },
): RegulationIdentityProblem[] {
  return [
    ...checkTitle(lines),
    ...checkChapters(lines, text, structureSound),
    ...checkEffectiveDate(lines, text),
  ];
}

function checkTitle(lines: string[]): RegulationIdentityProblem[] {
  const at = lines.findIndex((l) => /^#\s/.test(l.trim()));
  if (at < 0) {
    return [
      {
        line: null,
        check: 'title',
        message: `没有找到标题：全文第一行应是“# ${REGULATION_TITLE}”（Markdown 一级标题）。`,
      },
    ];
  }
  const title = collapse(lines[at].trim().replace(/^#\s*/, '')).replace(/[《》]/g, '');
  if (compact(title).startsWith(REGULATION_TITLE)) return [];
  const is2005 = compact(title).startsWith('信访条例');
  return [
    {
      line: at + 1,
      check: 'title',
      message: is2005
        ? `第 ${at + 1} 行：标题是“${title}”，这是2005年国务院《信访条例》，已被2022年《${REGULATION_TITLE}》取代：请上传2022年的《${REGULATION_TITLE}》全文。`
        : `第 ${at + 1} 行：标题是“${title}”，不是《${REGULATION_TITLE}》。请上传2022年的《${REGULATION_TITLE}》全文。`,
    },
  ];
}

/**
 * A heading that is not one of the six is always named. Missing headings and article ranges are only
 * compared once the 50 articles are all there: before that the article problems say what is wrong.
 */
function checkChapters(
  lines: string[],
  text: RegulationText,
  structureSound: boolean,
): RegulationIdentityProblem[] {
  const problems: RegulationIdentityProblem[] = [];
  const expected = Object.entries(CHAPTERS).map(([n, c]) => ({ number: Number(n), ...c }));
  const headingLine = new Map<number, number>();
  lines.forEach((raw, index) => {
    const m = CHAPTER_HEADING.exec(raw.trim());
    const n = m ? parseChineseNumber(m[1]) : null;
    if (!m || n === null) return;
    headingLine.set(n, index + 1);
    const found = collapse(`第${m[1]}章 ${m[2]}`);
    const want = CHAPTERS[n]?.title;
    if (!want) {
      problems.push({
        line: index + 1,
        check: 'chapters',
        message: `第 ${index + 1} 行：章标题“${found}”不属于2022年《${REGULATION_TITLE}》，它只有六章（第一章 总则至第六章 附则）。${WHAT_2005_IS}。`,
      });
    } else if (compact(found) !== compact(want)) {
      problems.push({
        line: index + 1,
        check: 'chapters',
        message: `第 ${index + 1} 行：章标题是“${found}”，2022年《${REGULATION_TITLE}》的这一章是“${want}”。`,
      });
    }
  });
  if (!structureSound) return problems;
  for (const c of expected) {
    if (!headingLine.has(c.number)) {
      problems.push({
        line: null,
        check: 'chapters',
        message: `缺少章标题“${c.title}”（第${toChineseNumber(c.first)}条所在的一章）。`,
      });
      continue;
    }
    const inChapter = [...text.articles.values()].filter((a) => a.chapter === c.number).map((a) => a.number);
    if (inChapter.length === 0) continue; // counted by the article checks
    const first = Math.min(...inChapter);
    const last = Math.max(...inChapter);
    if (first !== c.first || last !== c.last) {
      problems.push({
        line: headingLine.get(c.number) ?? null,
        check: 'chapters',
        message: `第${toChineseNumber(c.number)}章下是第${toChineseNumber(first)}条至第${toChineseNumber(last)}条，2022年《${REGULATION_TITLE}》的这一章是第${toChineseNumber(c.first)}条至第${toChineseNumber(c.last)}条。`,
      });
    }
  }
  return problems;
}

function checkEffectiveDate(lines: string[], text: RegulationText): RegulationIdentityProblem[] {
  const article = text.articles.get(EFFECTIVE_ARTICLE);
  if (!article) return []; // the missing article is reported by the article checks
  const body = article.paragraphs.join('');
  if (compact(body).includes(EFFECTIVE_DATE_CLAUSE)) return [];
  const at = lines.findIndex((l) => l.trim().startsWith('第五十条'));
  const shown = body.length > 30 ? `${body.slice(0, 30)}……` : body;
  const is2005 =
    /2005年/.test(compact(body)) || lines.some((l) => compact(l).includes('本条例自2005年5月1日起施行'));
  return [
    {
      line: at >= 0 ? at + 1 : null,
      check: 'effective-date',
      message:
        `第五十条应是“${EFFECTIVE_DATE_CLAUSE}。”，这里是“${shown}”。` +
        (is2005
          ? `全文写的是2005年5月1日起施行，${WHAT_2005_IS}。`
          : '请确认上传的是2022年的《信访工作条例》全文。'),
    },
  ];
}
