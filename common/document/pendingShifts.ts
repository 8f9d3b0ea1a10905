/**
 * Offsets moved lazily. An edit in the middle of a 1 MB file moves every node after it; moving
 * them all (tens of thousands) cost more than the rest of a keystroke. Instead, a subtree that
 * moves as a whole has its root moved at once and a pending delta noted for its descendants,
 * which is pushed one level down whenever a reader is about to read that level (`settle`). The
 * next re-parse and the diagnostics read a few paths from the root, so a keystroke costs about
 * the siblings along one path; a feature that walks the whole tree settles it all first.
 */
import type { Node } from 'jsonc-parser';

/** jsonc-parser's nodes are read-only to their users; moving them is this module's job and reparse.ts's. */
export type MovableNode = { -readonly [K in keyof Node]: Node[K] };

export class PendingShifts {
  /** By how much the strict descendants of each node lag behind it. */
  private readonly lag = new Map<Node, number>();

  /** Whether every offset of every tree is where it belongs. */
  get settled(): boolean {
    return this.lag.size === 0;
  }

  /** Moves a node and its whole subtree by `delta`: the node now, its descendants when read. */
  move(node: Node, delta: number): void {
    if (delta === 0) return;
    const moved = node as MovableNode;
    moved.offset += delta;
    if (moved.colonOffset !== undefined) moved.colonOffset += delta;
    if (node.children?.length) this.lag.set(node, (this.lag.get(node) ?? 0) + delta);
  }

  /** Brings the children of `node` to their offsets (their own descendants may still lag). */
  settle(node: Node): void {
    if (this.lag.size === 0) return;
    const delta = this.lag.get(node);
    if (delta === undefined) return;
    this.lag.delete(node);
    const children = node.children;
    if (children) for (let i = 0; i < children.length; i++) this.move(children[i], delta);
  }

  /** Brings every node of the subtree of `node` to its offsets. */
  settleSubtree(node: Node): void {
    if (this.lag.size === 0) return;
    this.settle(node);
    const children = node.children;
    if (children) for (let i = 0; i < children.length; i++) if (children[i].children) this.settleSubtree(children[i]);
  }

  /**
   * Brings every node to its offsets. Entries added while iterating are visited too, so a lag
   * pushed down to a child is pushed on in the same pass, whatever the order the lags were noted in.
   */
  settleAll(): void {
    for (const node of this.lag.keys()) this.settle(node);
  }
}
