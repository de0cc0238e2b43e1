import { AppConfig } from '../config/app-config';
import { shanghaiDate } from './calendar.service';
import { publicUrl } from '../common/http/public-url';

describe('calendar times and public links', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it.each(['UTC', 'Asia/Shanghai', 'America/New_York'])(
    'should give the Shanghai wall-clock time through local getters when the server runs in %s',
    (tz) => {
      process.env.TZ = tz;
      const d = shanghaiDate(new Date('2026-12-10T01:30:00Z')); // 09:30 in Shanghai
      expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]).toEqual([
        2026, 12, 10, 9, 30,
      ]);
    },
  );

  it('should build absolute links from PUBLIC_BASE_URL, else localhost and the port', () => {
    // publicUrl reads PUBLIC_BASE_URL through AppConfig only (validated env), never process.env.
    const fakeConfig = (values: Record<string, unknown>) =>
      ({ get: (k: string) => values[k] }) as unknown as AppConfig;
    expect(publicUrl(fakeConfig({ PORT: 3107 }), '/my/sessions/1')).toBe(
      'http://localhost:3107/my/sessions/1',
    );
    const configured = fakeConfig({ PORT: 3107, PUBLIC_BASE_URL: 'https://train.example.gov.cn/' });
    expect(publicUrl(configured, '/my/sessions/1')).toBe('https://train.example.gov.cn/my/sessions/1');
    expect(publicUrl(configured, 'my/sessions/1')).toBe('https://train.example.gov.cn/my/sessions/1');
  });
});
