/**
 * How every reader parses a mitigation file (JSON with comments and trailing commas) and the
 * nesting limit that keeps recursive walkers off deeply nested garbage.
 */
import type { ParseOptions } from 'jsonc-parser';

export const PARSE_OPTIONS: ParseOptions = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/** Deeper nesting is never a mitigation file (they need 7 levels) and would overflow recursive walkers. */
export const MAX_NESTING_DEPTH = 256;

/**
 * The deepest bracket nesting of a JSON-with-comments text and where it first passes `limit`.
 * A flat loop, so it cannot overflow the stack the way a recursive parser would.
 */
export function nestingDepth(text: string, limit: number): { depth: number; exceededAt?: number } {
  let depth = 0;
  let deepest = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      for (i++; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c /* \ */) i++;
        else if (c === 0x22 || c === 0x0a || c === 0x0d) break;
      }
    } else if (ch === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < length && text.charCodeAt(i) !== 0x0a) i++;
    } else if (ch === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? length : end + 1;
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return { depth: deepest, exceededAt: i };
      }
    } else if ((ch === 0x7d /* } */ || ch === 0x5d) /* ] */ && depth > 0) {
      depth--;
    }
  }
  return { depth: deepest };
}

