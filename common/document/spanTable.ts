/**
 * Where every value of a clean text lies, in one flat table the one-pass parser (cleanParse.ts)
 * fills as it builds the plain value: no node objects. Diagnostics need the places of a few
 * hundred problems, not a tree of every token, so the table answers "where is this JSON path"
 * itself; jsonc-parser's tree, which completion, hover, edits and the incremental re-parse read,
 * is built from the table and the value on first use (no second scan of the text).
 */
import type { Node, NodeType } from 'jsonc-parser';
import { MEMO_DEPTH } from './treeMemo';

/** The integers kept per value, in pre-order (a value's members follow it). */
const enum Field {
  Offset = 0,
  Length = 1,
  Kind = 2,
  /** The index after the value's subtree: its next sibling, if it has one. */
  Next = 3,
  /** The property's key string (-1 for the root and list items). */
  KeyOffset = 4,
  KeyLength = 5,
  ColonOffset = 6,
  /** 1 when no object in the subtree repeats a key (written for the top MEMO_DEPTH levels' containers). */
  FreeOfDuplicates = 7,
}
const STRIDE = 8;

export const enum SpanKind {
  Object = 0,
  Array = 1,
  String = 2,
  Number = 3,
  Boolean = 4,
  Null = 5,
}

const NODE_TYPES: readonly NodeType[] = ['object', 'array', 'string', 'number', 'boolean', 'null'];

/** Objects with more members than this get a key index on first lookup; smaller ones are scanned. */
const INDEXED_OBJECT_SIZE = 16;

/** Where a value lies and, for a property's value, where its key lies: what a problem's range is made from. */
export interface NodePlace {
  readonly type: NodeType;
  readonly offset: number;
  readonly length: number;
  readonly key?: { readonly offset: number; readonly length: number };
}

/** What building jsonc-parser's tree from the table gives the document's TreeMemo (see TreeMemo.rememberParsed). */
export interface BuiltTree {
  readonly root: Node;
  readonly shallowNodes: readonly Node[];
  readonly shallowValues: readonly unknown[];
  readonly shallowFreeOfDuplicates: readonly boolean[];
}

/** jsonc-parser's nodes are read-only to its users; this module builds them. */
type BuiltNode = { -readonly [K in keyof Node]: Node[K] };

/** The table as the parser fills it; one writer serves every parse in turn (see cleanParse.ts). */
export class SpanTableWriter {
  private data = new Int32Array(0);
  count = 0;
  /** The key of each property's value, by index (undefined for the root and list items). */
  private keys: (string | undefined)[] = [];
  /** Values a repeated key replaced in its object's plain value, by the index of the earlier property. */
  private replaced: Map<number, unknown> | undefined = undefined;

  /** A new table for a text of `textLength` characters. */
  start(textLength: number): void {
    // Room for a value per 16 characters (a formatted mitigation file has about one per 30); grown when short.
    this.data = new Int32Array(Math.max(64, textLength >> 4) * STRIDE);
    this.count = 0;
    this.keys = [];
    this.replaced = undefined;
  }

  /** Lets go of the last table (the parse's SpanTable keeps what it needs). */
  release(): void {
    this.data = new Int32Array(0);
    this.keys = [];
    this.replaced = undefined;
  }

  /** Starts the entry of the value at `offset`; the other fields are written by `finish` and `key`. */
  open(offset: number): number {
    const index = this.count++;
    if ((index + 1) * STRIDE > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const base = index * STRIDE;
    this.data[base + Field.Offset] = offset;
    this.data[base + Field.KeyOffset] = -1;
    this.keys.push(undefined);
    return index;
  }

  finish(index: number, kind: SpanKind, end: number): void {
    const data = this.data;
    const base = index * STRIDE;
    data[base + Field.Length] = end - data[base + Field.Offset];
    data[base + Field.Kind] = kind;
    data[base + Field.Next] = this.count;
  }

  key(index: number, key: string, keyOffset: number, keyLength: number, colonOffset: number): void {
    const data = this.data;
    const base = index * STRIDE;
    data[base + Field.KeyOffset] = keyOffset;
    data[base + Field.KeyLength] = keyLength;
    data[base + Field.ColonOffset] = colonOffset;
    this.keys[index] = key;
  }

  freeOfDuplicates(index: number, free: boolean): void {
    this.data[index * STRIDE + Field.FreeOfDuplicates] = free ? 1 : 0;
  }

  /**
   * The property at `index` repeats a key of the object at `objectIndex`, whose plain value holds
   * `previous` for it: kept for the tree, whose earlier property still has that value.
   */
  repeatedKey(objectIndex: number, index: number, previous: unknown): void {
    const key = this.keys[index];
    let earlier = -1;
    for (let member = objectIndex + 1; member < index; member = this.data[member * STRIDE + Field.Next]) if (this.keys[member] === key) earlier = member;
    (this.replaced ??= new Map()).set(earlier, previous);
  }

  done(value: unknown): SpanTable {
    return new SpanTable(this.data, this.keys, this.count, this.replaced, value);
  }
}

export class SpanTable {
  /** Key indexes of the large objects looked into, by their index. */
  private readonly keyIndexes = new Map<number, Map<string, number>>();

  constructor(
    private readonly data: Int32Array,
    private readonly keys: readonly (string | undefined)[],
    readonly count: number,
    private readonly replaced: ReadonlyMap<number, unknown> | undefined,
    /** The plain value of the whole text. */
    readonly value: unknown,
  ) {}

  /** Whether some object of the text repeats a key. */
  get repeatsKeys(): boolean {
    return this.replaced !== undefined;
  }

  /**
   * The place of the deepest value along `path` that exists (the whole path when it does), as
   * the tree's nodeAt would find it: a name steps into an object (its last property of that
   * name), a number into a list.
   */
  placeAt(path: readonly (string | number)[]): NodePlace | undefined {
    if (this.count === 0) return undefined;
    let index = 0;
    for (const segment of path) {
      const next = typeof segment === 'number' ? this.itemAt(index, segment) : this.memberNamed(index, segment);
      if (next < 0) break;
      index = next;
    }
    return this.place(index);
  }

  private place(index: number): NodePlace {
    const data = this.data;
    const base = index * STRIDE;
    const type = NODE_TYPES[data[base + Field.Kind]];
    const keyOffset = data[base + Field.KeyOffset];
    const place = { type, offset: data[base + Field.Offset], length: data[base + Field.Length] };
    return keyOffset < 0 ? place : { ...place, key: { offset: keyOffset, length: data[base + Field.KeyLength] } };
  }

  private itemAt(index: number, position: number): number {
    const data = this.data;
    if (data[index * STRIDE + Field.Kind] !== SpanKind.Array) return -1;
    const end = data[index * STRIDE + Field.Next];
    let item = index + 1;
    for (let i = 0; i < position && item < end; i++) item = data[item * STRIDE + Field.Next];
    return item < end ? item : -1;
  }

  private memberNamed(index: number, key: string): number {
    const data = this.data;
    if (data[index * STRIDE + Field.Kind] !== SpanKind.Object) return -1;
    const end = data[index * STRIDE + Field.Next];
    let byKey = this.keyIndexes.get(index);
    if (!byKey) {
      let found = -1;
      let size = 0;
      for (let member = index + 1; member < end; member = data[member * STRIDE + Field.Next], size++) if (this.keys[member] === key) found = member;
      if (size <= INDEXED_OBJECT_SIZE) return found;
      byKey = new Map();
      for (let member = index + 1; member < end; member = data[member * STRIDE + Field.Next]) byKey.set(this.keys[member]!, member);
      this.keyIndexes.set(index, byKey);
    }
    return byKey.get(key) ?? -1;
  }

  /** jsonc-parser's tree of the text (the nodes parseTree builds, own keys in its order), with this table's values. */
  buildTree(): BuiltTree {
    const shallowNodes: Node[] = [];
    const shallowValues: unknown[] = [];
    const shallowFreeOfDuplicates: boolean[] = [];
    const data = this.data;
    const keys = this.keys;
    const replaced = this.replaced;
    const build = (index: number, parent: Node | undefined, value: unknown, depth: number): BuiltNode => {
      const base = index * STRIDE;
      const offset = data[base + Field.Offset];
      const length = data[base + Field.Length];
      const kind = data[base + Field.Kind] as SpanKind;
      if (kind !== SpanKind.Object && kind !== SpanKind.Array) {
        // parseTree's root has no parent property at all.
        if (!parent) return { type: NODE_TYPES[kind], offset, length, value };
        return { type: NODE_TYPES[kind], offset, length, parent, value };
      }
      const children: Node[] = [];
      const node: BuiltNode = parent ? { type: NODE_TYPES[kind], offset, length, parent, children } : { type: NODE_TYPES[kind], offset, length, children };
      const end = data[base + Field.Next];
      if (kind === SpanKind.Object) {
        const object = value as Record<string, unknown>;
        for (let member = index + 1; member < end; member = data[member * STRIDE + Field.Next]) {
          const memberBase = member * STRIDE;
          const keyOffset = data[memberBase + Field.KeyOffset];
          const key = keys[member]!;
          const keyChildren: Node[] = [];
          const property: BuiltNode = {
            type: 'property',
            offset: keyOffset,
            length: data[memberBase + Field.Offset] + data[memberBase + Field.Length] - keyOffset,
            parent: node,
            children: keyChildren,
            colonOffset: data[memberBase + Field.ColonOffset],
          };
          keyChildren.push({ type: 'string', value: key, offset: keyOffset, length: data[memberBase + Field.KeyLength], parent: property });
          const memberValue = replaced?.has(member) ? replaced.get(member) : object[key];
          keyChildren.push(build(member, property, memberValue, depth + 1));
          children.push(property);
        }
      } else {
        const list = value as unknown[];
        for (let item = index + 1, position = 0; item < end; item = data[item * STRIDE + Field.Next], position++) children.push(build(item, node, list[position], depth + 1));
      }
      if (depth <= MEMO_DEPTH) {
        shallowNodes.push(node);
        shallowValues.push(value);
        shallowFreeOfDuplicates.push(data[base + Field.FreeOfDuplicates] === 1);
      }
      return node;
    };
    // Nesting is bounded (MAX_NESTING_DEPTH), so the recursion is too.
    const root = build(0, undefined, this.value, 1);
    return { root, shallowNodes, shallowValues, shallowFreeOfDuplicates };
  }
}
