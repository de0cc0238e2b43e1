import {
  CODE_ALPHABET,
  CODE_LENGTH,
  generateCertificateCode,
  normaliseCertificateCode,
} from './certificate-code';

describe('certificate codes', () => {
  it('should generate codes of the alphabet without look-alike characters', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCertificateCode();
      expect(code).toHaveLength(CODE_LENGTH);
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]+$/);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01IO]/);
  });

  it('should accept a typed code in any case with spaces or dashes', () => {
    expect(normaliseCertificateCode('abcde-fghjk')).toBe('ABCDEFGHJK');
    expect(normaliseCertificateCode(' ABCDE FGHJK ')).toBe('ABCDEFGHJK');
  });

  it('should reject what cannot be a code', () => {
    expect(normaliseCertificateCode('ABCDEFGHJ')).toBeNull();
    expect(normaliseCertificateCode('ABCDEFGHJ0')).toBeNull();
    expect(normaliseCertificateCode('../../etc')).toBeNull();
  });
});
