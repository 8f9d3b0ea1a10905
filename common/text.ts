/** Small text helpers for messages and "did you mean" suggestions. */

const SURROGATE = /[\uD800-\uDFFF]/;

/** Length in code points, as the AWS model counts it; no allocation for the usual BMP-only text. */
export function codePointLength(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff || i + 1 === text.length) count++;
    else {
      count++;
      i++;
    }
  }
  return count;
}

/** Lower-cased units that are more than one unit long ("İ" gives "i̇"), numbered above every UTF-16 unit. */
const longLowerCases = new Map<string, number>();

/** One UTF-16 unit lower-cased on its own, as a number: two units get the same number exactly when their lower cases are equal. */
function foldedUnit(code: number): number {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  const lower = String.fromCharCode(code).toLowerCase();
  if (lower.length === 1) return lower.charCodeAt(0);
  let id = longLowerCases.get(lower);
  if (id === undefined) {
    id = 0x10000 + longLowerCases.size;
    longLowerCases.set(lower, id);
  }
  return id;
}

const WORD = 32;

/** Where each folded unit occurs in a text, 32 units a block, as bit masks (Myers' "Peq"). */
interface BitPattern {
  readonly length: number;
  readonly blocks: readonly { readonly ascii: Int32Array; readonly other: Map<number, number> }[];
}

function bitPattern(text: string): BitPattern {
  const blocks = Array.from({ length: Math.ceil(text.length / WORD) }, () => ({ ascii: new Int32Array(0x80), other: new Map<number, number>() }));
  for (let i = 0; i < text.length; i++) {
    const unit = foldedUnit(text.charCodeAt(i));
    const block = blocks[(i / WORD) | 0];
    const bit = 1 << i % WORD;
    if (unit < 0x80) block.ascii[unit] |= bit;
    else block.other.set(unit, (block.other.get(unit) ?? 0) | bit);
  }
  return { length: text.length, blocks };
}

/**
 * The edit distance of a pattern's text and `text`, ignoring case, by Myers' bit-vector
 * algorithm in 32-row blocks (Hyyrö's formulation): one step per unit of `text` and block
 * instead of one per cell of the table, so the 3,000 action names of a large file are scanned
 * in well under a millisecond on every keystroke in an undefined reference.
 */
function bitDistance(pattern: BitPattern, text: string): number {
  const m = pattern.length;
  if (m === 0) return text.length;
  if (m <= WORD) return oneBlockDistance(pattern.blocks[0], m, text);
  const count = pattern.blocks.length;
  const lastHigh = 1 << (m - 1) % WORD;
  // Vertical deltas per block: every one is +1 at first, as column 0 counts the rows up.
  const positives = new Int32Array(count).fill(-1);
  const negatives = new Int32Array(count);
  let score = m;
  for (let j = 0; j < text.length; j++) {
    const unit = foldedUnit(text.charCodeAt(j));
    // Row 0 counts the columns up: +1 enters the first block from above.
    let carry = 1;
    for (let b = 0; b < count; b++) {
      const block = pattern.blocks[b];
      const positive = positives[b];
      const negative = negatives[b];
      let equal = unit < 0x80 ? block.ascii[unit] : (block.other.get(unit) ?? 0);
      const vertical = equal | negative;
      if (carry < 0) equal |= 1;
      const horizontal = ((((equal & positive) + positive) | 0) ^ positive) | equal;
      let up = negative | ~(horizontal | positive);
      let down = positive & horizontal;
      const high = b === count - 1 ? lastHigh : 1 << (WORD - 1);
      const out = up & high ? 1 : down & high ? -1 : 0;
      up <<= 1;
      down <<= 1;
      if (carry > 0) up |= 1;
      else if (carry < 0) down |= 1;
      positives[b] = down | ~(vertical | up);
      negatives[b] = up & vertical;
      carry = out;
    }
    score += carry;
  }
  return score;
}

/**
 * bitDistance for a pattern of at most 32 units (every name a validation suggests): the same
 * steps with the block's deltas in two locals, no arrays and no carry from a block above.
 */
function oneBlockDistance(block: BitPattern['blocks'][number], m: number, text: string): number {
  const high = 1 << (m - 1);
  let positive = -1;
  let negative = 0;
  let score = m;
  for (let j = 0; j < text.length; j++) {
    const unit = foldedUnit(text.charCodeAt(j));
    const equal = unit < 0x80 ? block.ascii[unit] : (block.other.get(unit) ?? 0);
    const vertical = equal | negative;
    const horizontal = ((((equal & positive) + positive) | 0) ^ positive) | equal;
    const up = negative | ~(horizontal | positive);
    const down = positive & horizontal;
    score += up & high ? 1 : down & high ? -1 : 0;
    // Row 0 counts the columns up: +1 enters from above.
    const upShifted = (up << 1) | 1;
    positive = (down << 1) | ~(vertical | upShifted);
    negative = upShifted & vertical;
  }
  return score;
}

/** Upper-case copies of candidate lists, kept while the list lives (one validation asks many times). */
const upperCaseLists = new WeakMap<readonly string[], readonly string[]>();
function upperCased(candidates: readonly string[]): readonly string[] {
  let upper = upperCaseLists.get(candidates);
  if (!upper) {
    upper = candidates.map((candidate) => candidate.toUpperCase());
    upperCaseLists.set(candidates, upper);
  }
  return upper;
}

/**
 * Candidates close enough to `value` to be what the user meant, best first.
 * A candidate that contains the value (or is contained by it) counts as close.
 */
export function closestMatches(value: string, candidates: readonly string[], limit = 3): string[] {
  const upper = value.toUpperCase();
  const candidatesUpper = upperCased(candidates);
  const pattern = bitPattern(value);
  const scored: { candidate: string; score: number }[] = [];
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index];
    const allowed = Math.max(2, Math.floor(Math.max(candidate.length, value.length) / 3));
    let contains = false;
    if (value.length >= 3) {
      // Only the longer of two texts can contain the other: one search, not two.
      const candidateUpper = candidatesUpper[index];
      contains = candidateUpper.length >= upper.length ? candidateUpper.includes(upper) : upper.includes(candidateUpper);
    }
    if (contains) {
      scored.push({ candidate, score: Math.min(1, bitDistance(pattern, candidate)) });
      continue;
    }
    // The length difference is a lower bound of the distance: skip hopeless candidates cheaply.
    if (Math.abs(candidate.length - value.length) > allowed) continue;
    const found = bitDistance(pattern, candidate);
    if (found <= allowed) scored.push({ candidate, score: found });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map(({ candidate }) => candidate);
}

export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const characters = [...text]; // by code point, so an emoji is never cut in half
  return `"${characters.length > 60 ? `${characters.slice(0, 57).join('')}...` : text}"`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
