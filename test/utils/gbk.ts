const decoder = new TextDecoder('gbk');
const cache = new Map<string, number[]>();

/** The two bytes whose GBK decoding is the character (Node decodes GBK but has no encoder). */
function gbkBytes(ch: string): number[] {
  const hit = cache.get(ch);
  if (hit) return hit;
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (decoder.decode(Buffer.from([a, b])) === ch) {
        cache.set(ch, [a, b]);
        return [a, b];
      }
    }
  }
  throw new Error(`no GBK for ${ch}`);
}

/** GBK bytes of a text, as Excel's 另存为 CSV writes them on a Chinese Windows. */
export function gbk(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : gbkBytes(ch)));
  return Buffer.from(out);
}
