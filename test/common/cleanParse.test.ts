/**
 * The one-pass parser against jsonc-parser, differentially: on thousands of generated documents
 * (comments everywhere, trailing commas, unicode escapes, numbers in every form, deep nesting,
 * duplicate keys, CRLF, a byte order mark) and on mutations of them that break the syntax in
 * every way a character can, it must either build the very tree and value jsonc-parser builds
 * (every node's own keys in order, offsets, lengths, colon offsets, parents, values) or give up,
 * and it gives up exactly when jsonc-parser reports an error or the nesting is too deep.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { parseCleanTree } from '../../common/document/cleanParse';
import { MAX_NESTING_DEPTH, PARSE_OPTIONS } from '../../common/document/jsonSyntax';
import { LineIndex } from '../../common/document/lines';
import { MitigationDocument } from '../../common/document/parse';
import { MEMO_DEPTH } from '../../common/document/treeMemo';
import { seededRandom } from '../seededRandom';


const NUMBERS = ['0', '-0', '7', '-12', '3.25', '-0.5', '1e3', '1E+3', '2e-7', '-4.5E-2', '123456789012345678901234567890', '0.1', '1.7976931348623157e308', '5e-324', '1e400', '10', '99.990'];
const STRING_PARTS = ['a', 'roleArn', ' ', 'é', '日本', '😀', '\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t', '\\u0041', '\\u00e9', '\\uD83D\\uDE00', '\\uDe00', '\\u0000', '\\uFFFF', '__proto__', '1', 'constructor'];
const TRIVIA = ['', ' ', '  ', '\t', '\n', '\r\n', '\r', ' // line comment\n', '/* block */', '/* multi\r\n line */', '//\r', ' /**/ ', '/* // */'];

class Generator {
  constructor(private readonly random: () => number) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  trivia(): string {
    return this.random() < 0.5 ? this.pick(TRIVIA) : this.pick(TRIVIA) + this.pick(TRIVIA);
  }

  string(): string {
    const parts = Math.floor(this.random() * 4);
    let body = '';
    for (let i = 0; i < parts; i++) body += this.pick(STRING_PARTS);
    return `"${body}"`;
  }

  value(depth: number): string {
    const roll = this.random();
    if (depth > 5 || roll < 0.45) return this.pick([...NUMBERS, 'true', 'false', 'null', this.string(), this.string()]);
    const count = Math.floor(this.random() * 5);
    const entries: string[] = [];
    const object = roll < 0.75;
    const keys = ['"a"', '"b"', this.string(), this.string()];
    for (let i = 0; i < count; i++) {
      const entry = this.value(depth + 1);
      // Duplicate keys are likely: only four names to choose from.
      entries.push(object ? `${this.trivia()}${this.pick(keys)}${this.trivia()}:${this.trivia()}${entry}${this.trivia()}` : `${this.trivia()}${entry}${this.trivia()}`);
    }
    const trailing = count > 0 && this.random() < 0.3 ? ',' : '';
    const body = entries.join(',') + trailing + this.trivia();
    return object ? `{${body}}` : `[${body}]`;
  }

  document(): string {
    const roll = this.random();
    const prefix = roll < 0.1 ? '\ufeff' : '';
    if (roll > 0.97) return prefix + this.trivia();
    return prefix + this.trivia() + this.value(0) + this.trivia();
  }

  /** One character-level mutation: the kind of damage typing does. */
  mutate(text: string): string {
    const at = Math.floor(this.random() * (text.length + 1));
    const inserted = this.pick(['"', ',', ':', '{', '}', '[', ']', '/', '*', '\\', 'x', '-', '.', 'e', '0', '\n', '\u000b', '\u00a0', '\ufeff', '\u0001', '\u001f', '\u007f', 'tru', 'nul', ' ']);
    switch (Math.floor(this.random() * 3)) {
      case 0:
        return text.slice(0, at) + inserted + text.slice(at);
      case 1:
        return text.slice(0, at) + text.slice(at + 1);
      default:
        return text.slice(0, at) + inserted + text.slice(at + 1);
    }
  }
}

/** Every node's own keys in order, its scalars, and that its parent is the node above it. */
function assertSameTree(actual: Node, expected: Node, parent: Node | undefined, path: string): void {
  assert.deepEqual(Object.keys(actual), Object.keys(expected), `own keys at ${path}`);
  assert.equal(actual.parent, parent, `parent at ${path}`);
  for (const key of ['type', 'offset', 'length', 'colonOffset'] as const) assert.equal(actual[key], expected[key], `${key} at ${path}`);
  assertSameValue(actual.value, expected.value, `${path}.value`);
  assert.equal(actual.children?.length, expected.children?.length, `children at ${path}`);
  for (let i = 0; i < (expected.children?.length ?? 0); i++) assertSameTree(actual.children![i], expected.children![i], actual, `${path}/${i}`);
}

/** Equal plain values: same prototype, same own keys in the same order, Object.is for scalars (so -0 is no 0). */
function assertSameValue(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected !== 'object' || expected === null) {
    assert.ok(Object.is(actual, expected), `${path}: ${String(actual)} is not ${String(expected)}`);
    return;
  }
  assert.equal(typeof actual, 'object', path);
  assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), `prototype at ${path}`);
  assert.deepEqual(Object.keys(actual as object), Object.keys(expected), `keys at ${path}`);
  for (const key of Object.keys(expected)) assertSameValue((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
}

function containerDepth(node: Node | undefined): number {
  if (!node) return 0;
  const own = node.type === 'object' || node.type === 'array' ? 1 : 0;
  return own + Math.max(0, ...(node.children ?? []).map(containerDepth));
}

/** Whether an object in the subtree of `node` repeats a key, by a plain walk. */
function repeatsKey(node: Node): boolean {
  if (node.type === 'object') {
    const keys = (node.children ?? []).map((property) => property.children![0].value as string);
    if (new Set(keys).size < keys.length) return true;
  }
  return (node.children ?? []).some(repeatsKey);
}

function lineStartsOf(text: string): readonly number[] {
  const lines = new LineIndex(text);
  assert.ok(lines.lineCount > 0);
  return lines.knownStarts()!;
}

/** Checks one text; returns whether jsonc-parser found it clean. */
function compare(text: string): boolean {
  const errors: ParseError[] = [];
  const expected = parseTree(text, errors, PARSE_OPTIONS);
  const actual = parseCleanTree(text);
  const clean = errors.length === 0 && containerDepth(expected) <= MAX_NESTING_DEPTH;
  if (!clean) {
    assert.equal(actual, undefined, `gives up on ${JSON.stringify(text)} (${errors.length} errors)`);
    return false;
  }
  assert.ok(actual, `parses the clean text ${JSON.stringify(text)}`);
  if (!expected) {
    assert.equal(actual.root, undefined);
    assert.equal(actual.value, undefined);
    assert.deepEqual(actual.lineStarts, lineStartsOf(text), `line starts of ${JSON.stringify(text)}`);
    return true;
  }
  assert.ok(actual.root, `a root for ${JSON.stringify(text)}`);
  assert.equal('parent' in actual.root, 'parent' in expected, 'the root has no parent property, as parseTree leaves it');
  assertSameTree(actual.root, expected, undefined, JSON.stringify(text));
  assertSameValue(actual.value, getNodeValue(expected), `value of ${JSON.stringify(text)}`);
  assert.deepEqual(actual.lineStarts, lineStartsOf(text), `line starts of ${JSON.stringify(text)}`);
  actual.shallowNodes.forEach((node, i) => assert.equal(actual.shallowFreeOfDuplicates[i], !repeatsKey(node), `duplicates under ${node.offset} in ${JSON.stringify(text)}`));
  return true;
}

describe('clean parse against jsonc-parser', () => {
  it('builds the same tree and value for generated documents, and gives up exactly on their mutations that do not parse', () => {
    const generator = new Generator(seededRandom(14));
    let clean = 0;
    let broken = 0;
    for (let i = 0; i < 3000; i++) {
      // A leading byte order mark is jsonc-parser's error too: the document model turns it into a space first.
      let text = generator.document();
      if (compare(text)) clean++;
      for (let m = 0; m < 4; m++) {
        text = generator.mutate(text);
        if (compare(text)) clean++;
        else broken++;
      }
    }
    // Both sides of the comparison were exercised many times.
    assert.ok(clean > 3000 && broken > 3000, `clean ${clean}, broken ${broken}`);
  });

  it('reads every number form as jsonc-parser does, and gives up on incomplete ones', () => {
    for (const number of [...NUMBERS, '-', '01', '1.', '.5', '1e', '1e+', '-.5', '+1', '1.5.2', '0x10', '1_000', 'NaN', 'Infinity', '-Infinity', '1ee2']) {
      compare(number);
      compare(`[${number}]`);
      compare(`{"n": ${number}}`);
    }
  });

  it('reads keywords only as whole words', () => {
    for (const text of ['true', 'false', 'null', 'truex', 'nul', 'True', '[true,false,null]', 'true//c', 'null/*c*/', '[true"a"]', 'true\u00a0', '{"a":null}']) compare(text);
  });

  it('gives up on strings and comments jsonc-parser rejects', () => {
    for (const text of ['"a', '"a\nb"', '"a\u0001b"', '"\\x"', '"\\u12"', '"\\u12G4"', '"\\', '/* open', '/ x', '1 /', '"a" // end', '"a" /* end */', '\u000b1', '\ufeff1', '1\u00a0']) compare(text);
  });

  it('accepts trailing commas but no empty entries', () => {
    for (const text of ['[1,]', '{"a":1,}', '[,]', '{,}', '[1,,2]', '{"a":1,,"b":2}', '[1 2]', '{"a" 1}', '{"a":}', '{1:2}', '[', '{', ']', '}', '{"a":1', '[1', '']) compare(text);
  });

  it('nests as deep as the limit and gives up beyond it', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    assert.ok(parseCleanTree(nested(MAX_NESTING_DEPTH)));
    assert.equal(parseCleanTree(nested(MAX_NESTING_DEPTH + 1)), undefined);
    compare(nested(MAX_NESTING_DEPTH));
    compare(`{"a": ${nested(MAX_NESTING_DEPTH - 1)}}`);
  });

  it('remembers the containers of the top levels with their very values', () => {
    const parsed = parseCleanTree('{"actions": {"a": {"roleArn": "r", "tags": [{"Key": "k"}]}}, "tasks": [], "n": 1}');
    assert.ok(parsed?.root);
    const depths = parsed.shallowNodes.map((node) => {
      let depth = 0;
      for (let current: Node | undefined = node; current; current = current.parent) if (current.type !== 'property') depth++;
      return depth;
    });
    assert.ok(depths.every((depth) => depth <= MEMO_DEPTH), `depths ${depths.join(',')}`);
    assert.equal(parsed.shallowNodes.length, 4, 'root, actions, tasks and action "a"; not its tags');
    const rootIndex = parsed.shallowNodes.indexOf(parsed.root);
    assert.equal(parsed.shallowValues[rootIndex], parsed.value);
    const actions = parsed.root.children![0].children![1];
    assert.equal(parsed.shallowValues[parsed.shallowNodes.indexOf(actions)], (parsed.value as { actions: unknown }).actions);
  });

  it('gives the document model the same tree and value as jsonc-parser, byte order mark and CRLF included', () => {
    const generator = new Generator(seededRandom(7));
    for (let i = 0; i < 300; i++) {
      const text = generator.document().replace(/\n/g, '\r\n');
      const parsable = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
      const errors: ParseError[] = [];
      const expected = parseTree(parsable, errors, PARSE_OPTIONS);
      const doc = new MitigationDocument({ uri: 'file:///clean.mitigation.json', version: 1, getText: () => text });
      assert.equal(doc.syntaxIssues.length, errors.length, JSON.stringify(text));
      if (!expected) {
        assert.equal(doc.root, undefined);
        continue;
      }
      assert.ok(doc.root);
      assertSameTree(doc.root, expected, undefined, JSON.stringify(text));
      assertSameValue(doc.value, getNodeValue(expected), `value of ${JSON.stringify(text)}`);
    }
  });

  it('finds every path\'s place in the parse\'s table as the built tree does, duplicate keys and missing steps included', () => {
    const generator = new Generator(seededRandom(21));
    let places = 0;
    for (let i = 0; i < 800; i++) {
      const text = generator.document();
      const fromTable = new MitigationDocument({ uri: 'file:///places.mitigation.json', version: 1, getText: () => text });
      const fromTree = new MitigationDocument({ uri: 'file:///places.mitigation.json', version: 1, getText: () => text });
      const root = fromTree.root; // built now: its places come from the tree
      if (!root || fromTable.syntaxIssues.length) continue;
      const paths: (string | number)[][] = [[]];
      const collect = (node: Node, path: (string | number)[]) => {
        (node.children ?? []).forEach((child, index) => {
          const step = node.type === 'object' ? (child.children![0].value as string) : index;
          const value = node.type === 'object' ? child.children![1] : child;
          paths.push([...path, step], [...path, step, 'missing'], [...path, step, 0]);
          collect(value, [...path, step]);
        });
        paths.push([...path, node.children?.length ?? 0], [...path, 'a', 'b']);
      };
      collect(root, []);
      for (const path of paths) {
        assert.deepEqual(fromTable.placeAt(path), fromTree.placeAt(path), `place of ${JSON.stringify(path)} in ${JSON.stringify(text)}`);
        places++;
      }
    }
    assert.ok(places > 5000, `${places} places compared`);
  });
});
