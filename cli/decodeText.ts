/**
 * Bytes of a file as text: UTF-8 (with or without a byte order mark) and UTF-16 with a BOM,
 * or UTF-16 little-endian text that Windows tools write without one, are decoded; anything
 * else is named, rather than read as garbage that would draw a screen of syntax errors.
 */

export type Decoded = { readonly text: string; readonly encoding: string } | { readonly problem: string };

function swapBytes(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1];
    swapped[i + 1] = bytes[i];
  }
  return swapped;
}

/** Mostly NUL odd bytes in the first kilobyte: ASCII-range text written as UTF-16LE without a BOM. */
function looksLikeUtf16le(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 1024));
  if (sample.length < 4) return false;
  let nulOdd = 0;
  for (let i = 1; i < sample.length; i += 2) if (sample[i] === 0) nulOdd++;
  return nulOdd >= (sample.length / 2) * 0.9;
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16le').decode(swapBytes(bytes.subarray(2))), encoding: 'UTF-16BE' };
  if (looksLikeUtf16le(bytes)) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16LE' };
  try {
    // The BOM is kept out of the text: "ignoreBOM: false" (the default) strips it.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { problem: 'The file is not text in UTF-8 or UTF-16: save it as UTF-8 (the AWS CLI and this checker read JSON as UTF-8).' };
  }
}
