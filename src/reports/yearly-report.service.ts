import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { rawRows, toNumber } from '../database/sql/raw-sql';
import type { IndicatorRow } from '../scoring/indicators/indicators.service';
import { CompetencyReportService } from './competency-report.service';
import { dimensionsOf } from './competency-rows';
import { round2 } from './report-scope';
import { learningFiguresSql, lessonsForArticlesSql, sessionFiguresSql } from './report.sql';
import { unitExistedBy } from '../units/membership/officers-in-period.sql';
import { ReportErrors } from './reports.errors';

/** Articles with fewer answers than this are not called weak: too little evidence. */
const MIN_ANSWERS = 2;

const fmt = (r: IndicatorRow) =>
  r.actual === null ? '无数据' : `${r.actual}${r.unit === '%' ? '%' : r.unit}`;

/**
 * The training section of the bureau's yearly 绩效评价 report, drawn from data: overview figures,
 * the indicator table, 存在问题 (unmet indicators, weakest dimensions and articles) and suggestions.
 */
@Injectable()
export class YearlyReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly report: CompetencyReportService,
  ) {}

  async build(me: Principal, unitId: string, year: string) {
    if (!/^\d{4}$/.test(year)) throw ReportErrors.yearInvalid();
    const ctx = await this.report.context(me, unitId, year);
    const em = this.dataSource.manager;
    const { snap, tiles } = await this.report.parts(ctx); // the dashboard's snapshot of the year
    const { indicators, heatMap: heat } = snap;
    const [sessions] = await rawRows<Record<string, unknown>>(em, sessionFiguresSql, ctx.params);
    const [learning] = await rawRows<Record<string, unknown>>(em, learningFiguresSql, ctx.params);
    const dimensions = dimensionsOf(indicators);
    const byCode = new Map(indicators.map((r) => [r.code, r]));
    // A unit created after the year has no figures for it: empty, never 0 (docs/reports.md).
    const existed = unitExistedBy(ctx.unit, ctx.period.end, new Date());
    const counted = (v: unknown) => (existed ? toNumber(v) : null);
    const figures = {
      officers: tiles.officers,
      sessions: counted(sessions.sessions),
      attendances: counted(sessions.attendances),
      attempts: counted(learning.attempts),
      completions: counted(learning.completions),
      hours: existed ? round2(toNumber(learning.hours)) : null,
      hoursPerOfficer: byCode.get('CREDIT_HOURS_AVG')?.actual ?? null,
      coverage: tiles.coverage,
      passRate: tiles.passRate,
      meanCapability: tiles.meanCapability,
      overdueOfficers: tiles.overdueOfficers,
    };
    const weakDimensions = dimensions
      .filter((d) => d.value !== null)
      .sort((a, b) => a.value! - b.value!)
      .slice(0, 2);
    const weakArticles = heat.articles.filter((a) => a.answers >= MIN_ANSWERS).slice(0, 3);
    const lessons = weakArticles.length
      ? await rawRows<Record<string, unknown>>(em, lessonsForArticlesSql, {
          articles: weakArticles.map((a) => a.articleNo),
        })
      : [];
    const unmet = indicators.filter((r) => r.met === false);
    const met = indicators.filter((r) => r.met === true);
    return {
      unit: { id: ctx.unit.id, name: ctx.unit.name },
      year,
      existed,
      figures,
      indicators: indicators.map((r) => ({
        ...r,
        actualText: fmt(r),
        targetText: `${r.target}${r.unit === '%' ? '%' : r.unit}`,
        metText: r.met === null ? '无数据' : r.met ? '达标' : '未达标',
      })),
      summary: {
        indicators: indicators.filter((r) => r.actual !== null).length,
        met: met.length,
        unmet: unmet.length,
      },
      problems: this.problems(unmet, weakDimensions, weakArticles),
      suggestions: this.suggestions(unmet, weakDimensions, weakArticles, lessons, figures.overdueOfficers),
      weakDimensions,
      weakArticles,
    };
  }

  private problems(
    unmet: IndicatorRow[],
    dims: ReturnType<typeof dimensionsOf>,
    articles: Array<{ label: string; share: number; answers: number }>,
  ): string[] {
    const out: string[] = [];
    if (unmet.length) {
      out.push(
        `部分指标未达到年度目标：${unmet.map((r) => `${r.name}实际 ${fmt(r)}（目标 ${r.target}${r.unit === '%' ? '%' : r.unit}）`).join('；')}。`,
      );
    }
    if (dims.length) {
      out.push(
        `法治化能力维度中相对薄弱的是${dims.map((d) => `“${d.label}”（均分 ${d.value}，目标 ${d.target}）`).join('和')}。`,
      );
    }
    if (articles.length) {
      out.push(
        `考核中正确率最低的条款为${articles.map((a) => `${a.label}（正确率 ${a.share}%，${a.answers} 题次）`).join('、')}，对相关规定的理解和运用有待加强。`,
      );
    }
    if (!out.length) out.push('本年度各项培训指标均已达到目标，未发现明显薄弱环节。');
    return out;
  }

  private suggestions(
    unmet: IndicatorRow[],
    dims: ReturnType<typeof dimensionsOf>,
    articles: Array<{ articleNo: number; label: string }>,
    lessons: Array<Record<string, unknown>>,
    overdue: number,
  ): string[] {
    const out: string[] = [];
    const codes = new Set(unmet.map((r) => r.code));
    if (codes.has('TRAINING_COVERAGE') || codes.has('PARTICIPATION_RATE')) {
      out.push(
        '扩大培训覆盖面：对全年未参加任何培训的干部逐一布置必修课程，培训班实行点名和请假审批，提高参训率。',
      );
    }
    if (overdue > 0) {
      out.push(`督促按期完成：目前有 ${overdue} 名干部存在逾期学习任务，建议由所在单位负责人逐一跟进。`);
    }
    if (codes.has('EXAM_PASS_RATE') || codes.has('CAPABILITY_MET_RATE')) {
      out.push('提高考核质量：对考核未合格的干部安排复学和补考，考前组织针对性的案例研讨。');
    }
    if (codes.has('CREDIT_HOURS_AVG')) {
      out.push('保障学时：按年度人均学时目标制定培训计划，把线上课程和集中培训结合起来。');
    }
    for (const a of articles) {
      const titles = [
        ...new Set(
          lessons
            .filter((l) => Number(l.articleNo) === a.articleNo)
            .map((l) => `《${String(l.courseTitle)}》`),
        ),
      ];
      out.push(
        titles.length
          ? `针对${a.label}，向正确率偏低的干部布置${titles.join('、')}中讲授该条的课节。`
          : `针对${a.label}，补充讲授该条的课节并组织专题学习。`,
      );
    }
    if (dims.length) {
      out.push(
        `下一年度培训重点放在${dims.map((d) => `“${d.label}”`).join('和')}维度，以案例教学提升依法依规依程序处理信访事项的能力。`,
      );
    }
    if (!out.length) out.push('保持现有培训安排，继续跟踪能力分和各项指标的变化。');
    return out;
  }
}
