/**
 * The children of a tree node (or a view's top level) that come from a paginated list: the
 * first page on first look, a "Load more" node while there is a next page, a message when the
 * list is empty, and the failure with its remedies instead of the list when a page fails.
 */
import type { Page } from './model/iotApi';
import type { ExplainedError } from './model/errors';
import { PagedList } from './model/treeModel';
import { EmulatorStoppedError } from '../connection/emulatorProcess';
import { errorNodes, LoadMoreNode, type TreeNode } from './treeNodes';

interface PagedChildrenOptions<T> {
  /** What failed to load, as in "Failed to load {what}". */
  readonly what: string;
  /** The page after `nextToken` (undefined: the first page). */
  readonly fetch: (nextToken: string | undefined) => Promise<Page<T>>;
  readonly node: (item: T) => TreeNode;
  /** What an empty list shows. */
  readonly empty: () => TreeNode;
  readonly explain: (error: unknown) => ExplainedError;
  /** A page was added by "Load more": redraw the list. */
  readonly changed: () => void;
  /** A view's top level: with the emulator stopped on purpose it stays empty for the welcome view. */
  readonly topLevel?: boolean;
}

export class PagedChildren<T> {
  private readonly list = new PagedList<T>();

  constructor(private readonly options: PagedChildrenOptions<T>) {}

  get items(): readonly T[] {
    return this.list.items;
  }

  get loaded(): boolean {
    return this.list.loaded;
  }

  /** Forget the pages: the next look lists again from the first. */
  reset(): void {
    this.list.reset();
  }

  private async loadPage(): Promise<void> {
    const page = await this.options.fetch(this.list.nextToken);
    this.list.append(page.items, page.nextToken);
  }

  async children(): Promise<TreeNode[]> {
    try {
      if (!this.list.loaded) await this.loadPage();
    } catch (error) {
      if (this.options.topLevel && error instanceof EmulatorStoppedError) return [];
      return errorNodes(this.options.what, this.options.explain(error));
    }
    const nodes = this.list.items.map((item) => this.options.node(item));
    if (nodes.length === 0) nodes.push(this.options.empty());
    if (this.list.hasMore) {
      nodes.push(new LoadMoreNode(async () => {
        await this.loadPage();
        this.options.changed();
      }));
    }
    return nodes;
  }
}
