import { toCsv } from '../../common/csv/csv-export';
import type { LearnerReportRow } from './learning-report.service';

export const learnersCsv = (rows: LearnerReportRow[], year: number): string =>
  toCsv<LearnerReportRow>(
    [
      { header: '单位', value: (r) => r.unitName },
      { header: '姓名', value: (r) => r.name },
      { header: '用户名', value: (r) => r.username },
      { header: '应学课程', value: (r) => r.assigned },
      { header: '已完成', value: (r) => r.completed },
      { header: '待完成', value: (r) => r.pending },
      { header: '已逾期', value: (r) => r.overdue },
      { header: `${year} 年学时`, value: (r) => r.hours },
    ],
    rows,
  );
