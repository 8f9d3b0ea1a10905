/**
 * Facts about parse-tree nodes that outlive one document version. An incremental re-parse
 * (reparse.ts) keeps every node outside the edited region, so what was learnt about those nodes
 * stays true: their plain value (the same object, which lets the validator reuse its results by
 * identity), their child index, and whether their subtree repeats a key. The re-parse forgets the
 * facts of the nodes whose content it changed: the edited containers and their ancestors.
 */
import { getNodeValue, type Node } from 'jsonc-parser';
import { PendingShifts } from './pendingShifts';

/** How deep facts are remembered: the document (1), its sections (2), their entries (3). */
export const MEMO_DEPTH = 3;

/** Property nodes of an object, keyed by name; the last duplicate wins, as in getNodeValue. */
export type ChildIndex = Map<string, Node>;

export class TreeMemo {
  private values = new WeakMap<Node, unknown>();
  private indexes = new WeakMap<Node, ChildIndex>();
  private noDuplicates = new WeakMap<Node, boolean>();
  /** Offsets of the nodes the re-parses moved as a whole, still to be pushed down to their descendants. */
  readonly shifts = new PendingShifts();
  /** Long-lived results of features for one document (e.g. the validator's cache). */
  private readonly features = new Map<string, unknown>();

  /**
   * The plain JSON value of a node, as jsonc-parser's getNodeValue builds it. Remembered for the
   * containers of the top levels only (the file, its sections, each action and task): below them
   * an entry is small, and rebuilding it costs less than remembering every list and object.
   */
  valueOf(node: Node, depth = 1): unknown {
    if (depth > MEMO_DEPTH) return getNodeValue(node);
    switch (node.type) {
      case 'object': {
        const known = this.values.get(node);
        if (known !== undefined) return known;
        const value: Record<string, unknown> = Object.create(null);
        for (const property of node.children ?? []) {
          const valueNode = property.children?.[1];
          if (valueNode) value[property.children![0].value as string] = this.valueOf(valueNode, depth + 1);
        }
        this.values.set(node, value);
        return value;
      }
      case 'array': {
        const known = this.values.get(node);
        if (known !== undefined) return known;
        const children = node.children ?? [];
        const value = new Array<unknown>(children.length);
        for (let i = 0; i < children.length; i++) value[i] = this.valueOf(children[i], depth + 1);
        this.values.set(node, value);
        return value;
      }
      default:
        return node.value;
    }
  }

  /** Facts learnt while building the tree (see cleanParse.ts), index for index: values as valueOf would remember them. */
  rememberParsed(nodes: readonly Node[], values: readonly unknown[], freeOfDuplicates: readonly boolean[]): void {
    for (let i = 0; i < nodes.length; i++) {
      this.values.set(nodes[i], values[i]);
      this.noDuplicates.set(nodes[i], freeOfDuplicates[i]);
    }
  }

  /** The property index of an object node, built once. */
  indexOf(objectNode: Node): ChildIndex {
    let index = this.indexes.get(objectNode);
    if (!index) {
      index = new Map();
      for (const child of objectNode.children ?? []) {
        const keyNode = child.children?.[0];
        if (keyNode && typeof keyNode.value === 'string') index.set(keyNode.value, child);
      }
      this.indexes.set(objectNode, index);
    }
    return index;
  }

  /** Whether no object in the subtree of `node` repeats a key, if known. */
  knownFreeOfDuplicates(node: Node): boolean | undefined {
    return this.noDuplicates.get(node);
  }

  setFreeOfDuplicates(node: Node, free: boolean): void {
    this.noDuplicates.set(node, free);
  }

  /**
   * The node's content changed: drop what was known about it. When only content below its
   * children changed (an ancestor of an edit: the same property nodes, moved), what depends on
   * its own keys alone stays: the child index and whether its keys repeat.
   */
  forget(node: Node, what: 'children' | 'content' = 'children'): void {
    this.values.delete(node);
    this.noDuplicates.delete(node);
    if (what === 'content') return;
    this.indexes.delete(node);
    this.distinctKeys.delete(node);
  }

  private distinctKeys = new WeakMap<Node, boolean>();

  /** Whether the keys of an object node are all different, worked out once per set of children. */
  keysAreDistinct(objectNode: Node, compute: () => boolean): boolean {
    let distinct = this.distinctKeys.get(objectNode);
    if (distinct === undefined) {
      distinct = compute();
      this.distinctKeys.set(objectNode, distinct);
    }
    return distinct;
  }

  /** A feature's long-lived state for this document, created on first use. */
  shared<T>(key: string, create: () => T): T {
    if (!this.features.has(key)) this.features.set(key, create());
    return this.features.get(key) as T;
  }
}
