import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import QRCode from 'qrcode';
import { CurrentUser, Public } from '../auth/decorators/auth.decorators';
import { publicUrl } from '../common/http/public-url';
import { AppConfig } from '../config/app-config';
import type { Principal } from '../auth/principal';
import { CertificatesService } from './certificates.service';

const STATUS_LABELS = { valid: '有效', expired: '已过期', unknown: '未找到' } as const;

/** The printable certificate and the public verification page. */
@ApiExcludeController()
@Controller()
export class CertificatesPagesController {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly config: AppConfig,
  ) {}

  @Get('certificates/:id')
  async show(@CurrentUser() me: Principal, @Param('id') id: string, @Res() res: Response) {
    const certificate = await this.certificates.findForViewer(me, id);
    const verifyUrl = publicUrl(this.config, certificate.verifyPath);
    // An inline SVG QR code of the verification address, so a printed certificate can be checked by phone.
    const qrSvg = await QRCode.toString(verifyUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
    res.render('certificates/show', {
      title: `培训合格证书 ${certificate.code}`,
      certificate,
      verifyUrl,
      qrSvg,
      issuer: this.config.get('CERTIFICATE_ISSUER'),
    });
  }

  /** Anyone, signed in or not. An unknown code answers 404 with a clear message. */
  @Public()
  @Get('verify/:code')
  async verify(@Param('code') code: string, @Res() res: Response) {
    const result = await this.certificates.verify(code);
    res.status(result.status === 'unknown' ? 404 : 200).render('certificates/verify', {
      title: '证书核验',
      result,
      statusLabel: STATUS_LABELS[result.status],
      issuer: this.config.get('CERTIFICATE_ISSUER'),
    });
  }
}
