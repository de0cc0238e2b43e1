/**
 * The text of an uploaded CSV. Excel saves Chinese CSVs as UTF-8 (often with a BOM) or as GBK; a
 * file that is valid UTF-8 is read as UTF-8, anything else as GBK (Node's full ICU decodes it, so no
 * dependency). Without this a GBK 单位 name reached the importer as mojibake and read as 单位不存在.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gbk' } {
  let text: string;
  let encoding: 'utf-8' | 'gbk' = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gbk').decode(bytes);
    encoding = 'gbk';
  }
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}
