import { CERTIFICATE_ISSUER } from './utils/public-links.env';
import QRCode from 'qrcode';
import request from 'supertest';
import { Certificate } from '../src/completions/entities/certificate.entity';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

describe('Certificate links and issuer come from settings, never from the request (e2e)', () => {
  let t: TestApp;
  let token: string;
  let certificate: Certificate;

  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
    token = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    const { lessons } = await createCourseWithLessons(t.dataSource, 1, {
      creditHours: 1,
      validityMonths: 12,
    });
    await request(t.http)
      .post(`/api/lessons/${lessons[0].id}/complete`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    certificate = await t.dataSource.getRepository(Certificate).findOneByOrFail({});
  });
  afterAll(() => t.close());

  it('should build the verify link and QR code from PUBLIC_BASE_URL whatever Host the request names', async () => {
    const expected = `https://training.example.gov.cn/verify/${certificate.code}`;
    const page = await request(t.http)
      .get(`/certificates/${certificate.id}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .set('X-Forwarded-Proto', 'http')
      .expect(200);
    expect(page.text).not.toContain('evil.example');
    expect(page.text).toContain(`>${expected}</a>`);
    const qr = await QRCode.toString(expected, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
    expect(page.text).toContain(qr);
  });

  it('should name the issuing body on the certificate and on the verify page and API', async () => {
    const page = await request(t.http)
      .get(`/certificates/${certificate.id}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(page.text).toMatch(new RegExp(`data-testid="certificate-issuer">发证单位：${CERTIFICATE_ISSUER}`));
    const verify = await request(t.http).get(`/verify/${certificate.code}`).expect(200);
    expect(verify.text).toContain(`data-testid="verify-issuer">${CERTIFICATE_ISSUER}<`);
    const api = await request(t.http).get(`/api/verify/${certificate.code}`).expect(200);
    expect(api.body.issuer).toBe(CERTIFICATE_ISSUER);
  });
});
