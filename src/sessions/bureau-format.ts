const bureauFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as people in the bureau read it (Asia/Shanghai), for notification texts. */
export const formatBureauTime = (d: Date): string => bureauFmt.format(d);
