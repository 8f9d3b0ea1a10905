/**
 * Incremental parsing. A keystroke in a 1 MB file changes one action or one task; parsing the
 * megabyte again costs far more than everything else the editor does with it. After a set of
 * edits this re-parses only the entries of the innermost container around each edit (the
 * properties of an action, the items of a list ...) and splices them into the previous tree,
 * moving the offsets of the nodes after them (a subtree that moves as a whole lazily: pendingShifts.ts).
 *
 * The result is the tree a full parse of the new text gives. It is guaranteed only when the
 * previous text had no syntax error and the re-parsed entries have none in their real context
 * (the separators around them are re-parsed with them), so anything else declines and the caller
 * parses from scratch. The previous tree is reused in place: it belongs to the new version then.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { MAX_NESTING_DEPTH, PARSE_OPTIONS, nestingDepth } from './jsonSyntax';
import type { MovableNode, PendingShifts } from './pendingShifts';

/** One edit, in the coordinates of the text the previous edit left: `removed` characters at `offset` became `inserted` characters. */
export interface TextChange {
  readonly offset: number;
  readonly removed: number;
  readonly inserted: number;
}

/** A changed stretch of text, in the old text's and the new text's offsets. */
export interface ChangedSpan {
  readonly oldStart: number;
  readonly oldEnd: number;
  readonly newStart: number;
  readonly newEnd: number;
}

function spanDelta(span: ChangedSpan): number {
  return span.newEnd - span.newStart - (span.oldEnd - span.oldStart);
}

/** Folds successive edits into disjoint changed spans, sorted, with both texts' offsets. */
export function changedSpans(changes: readonly TextChange[]): ChangedSpan[] {
  let spans: ChangedSpan[] = [];
  for (const change of changes) {
    const start = change.offset;
    const end = change.offset + change.removed;
    const delta = change.inserted - change.removed;
    const before: ChangedSpan[] = [];
    const touched: ChangedSpan[] = [];
    const after: ChangedSpan[] = [];
    for (const span of spans) {
      if (span.newEnd < start) before.push(span);
      else if (span.newStart > end) after.push(span);
      else touched.push(span);
    }
    const shiftBefore = before.reduce((sum, span) => sum + spanDelta(span), 0);
    const shiftTouched = touched.reduce((sum, span) => sum + spanDelta(span), 0);
    const first = touched[0];
    const last = touched[touched.length - 1];
    const merged: ChangedSpan = {
      oldStart: first && first.newStart <= start ? first.oldStart : start - shiftBefore,
      oldEnd: last && last.newEnd >= end ? last.oldEnd : end - shiftBefore - shiftTouched,
      newStart: first ? Math.min(start, first.newStart) : start,
      newEnd: (last ? Math.max(end, last.newEnd) : end) + delta,
    };
    spans = [...before, merged, ...after.map((span) => ({ ...span, newStart: span.newStart + delta, newEnd: span.newEnd + delta }))];
  }
  return spans;
}

const movable = (node: Node) => node as MovableNode;

const endOf = (node: Node) => node.offset + node.length;
const isContainer = (node: Node | undefined): node is Node => node?.type === 'object' || node?.type === 'array';

/** The entries of one container that are re-parsed for one or more changed spans (old offsets). */
interface Unit {
  readonly container: Node;
  /** The replaced children, first..last (last = first - 1 when none). */
  readonly first: number;
  readonly last: number;
  /** The re-parsed text, from the first replaced child (or after the opening bracket) to the last one's end (or the closing bracket). */
  readonly start: number;
  readonly end: number;
  /** With the sibling before and after: text outside it cannot be reached by another unit. */
  readonly outerStart: number;
  readonly outerEnd: number;
}

/** The child whose extent holds [start, end], by binary search (children are in text order). */
function childHolding(container: Node, start: number, end: number): Node | undefined {
  const children = container.children ?? [];
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const child = children[mid];
    if (endOf(child) < start) low = mid + 1;
    else if (child.offset > start) high = mid - 1;
    else return child.offset <= start && end <= endOf(child) ? child : undefined;
  }
  return undefined;
}

/** The innermost container whose brackets enclose [start, end] without touching them, and the entries to re-parse there. */
function unitFor(root: Node, start: number, end: number, shifts: PendingShifts): Unit | undefined {
  let container: Node | undefined;
  let node: Node | undefined = root;
  while (isContainer(node) && node.offset < start && end < endOf(node)) {
    container = node;
    shifts.settle(node);
    const child = childHolding(node, start, end);
    if (child?.type === 'property') shifts.settle(child);
    node = child?.type === 'property' ? child.children?.[1] : child;
  }
  if (!container || container === root) return undefined;
  const children = container.children ?? [];
  let first = 0;
  while (first + 1 < children.length && children[first + 1].offset <= start) first++;
  const hasFirst = children.length > 0 && children[first].offset <= start;
  let last = children.length - 1;
  while (last - 1 >= 0 && endOf(children[last - 1]) >= end) last--;
  const hasLast = children.length > 0 && endOf(children[last]) >= end;
  const from = hasFirst ? first : 0;
  const to = hasLast ? last : children.length - 1;
  return {
    container,
    first: from,
    last: to,
    start: hasFirst ? children[first].offset : container.offset + 1,
    end: hasLast ? endOf(children[last]) : endOf(container) - 1,
    outerStart: from > 0 ? children[from - 1].offset : container.offset,
    outerEnd: to + 1 < children.length ? endOf(children[to + 1]) : endOf(container),
  };
}

/** Units for the spans, merged until no two can see each other's text. */
function unitsFor(root: Node, spans: readonly ChangedSpan[], shifts: PendingShifts): Unit[] | undefined {
  const ranges = spans.map((span) => ({ start: span.oldStart, end: span.oldEnd }));
  for (;;) {
    const units: Unit[] = [];
    let merged = false;
    for (let i = 0; i < ranges.length; i++) {
      const unit = unitFor(root, ranges[i].start, ranges[i].end, shifts);
      if (!unit) return undefined;
      const previous = units[units.length - 1];
      if (previous && unit.outerStart <= previous.outerEnd) {
        ranges.splice(i - 1, 2, { start: ranges[i - 1].start, end: ranges[i].end });
        merged = true;
        break;
      }
      units.push(unit);
    }
    if (!merged) return units;
  }
}

function depthOf(node: Node): number {
  let depth = 0;
  for (let current: Node | undefined = node; current; current = current.parent) if (isContainer(current)) depth++;
  return depth;
}

/** Moves a new subtree by `delta` and hangs it under `parent`. */
function placeNew(node: Node, delta: number, parent: Node): void {
  const moved = movable(node);
  moved.offset += delta;
  if (moved.colonOffset !== undefined) moved.colonOffset += delta;
  moved.parent = parent;
  for (const child of node.children ?? []) placeNew(child, delta, node);
}

/**
 * The new children for a unit, parsed from the new text with the separators around them and a
 * stand-in sibling on each side that has one, or undefined when they do not parse cleanly.
 */
function reparseUnit(unit: Unit, newText: string, toNew: OffsetMap): Node[] | undefined {
  const { container } = unit;
  const children = container.children ?? [];
  const object = container.type === 'object';
  const standIn = object ? '"":0' : '0';
  const hasBefore = unit.first > 0;
  const hasAfter = unit.last + 1 < children.length;
  const start = toNew(unit.start, 'start');
  const end = toNew(unit.end);
  const before = hasBefore ? standIn + newText.slice(toNew(endOf(children[unit.first - 1])), start) : newText.slice(toNew(container.offset + 1, 'start'), start);
  const after = hasAfter ? newText.slice(end, toNew(children[unit.last + 1].offset)) + standIn : newText.slice(end, toNew(endOf(container) - 1));
  const head = (object ? '{' : '[') + before;
  const tail = after + (object ? '}' : ']');
  const body = newText.slice(start, end);
  const wrapped = head + body + tail;
  if (nestingDepth(wrapped, MAX_NESTING_DEPTH).depth + depthOf(container) - 1 > MAX_NESTING_DEPTH) return undefined;
  const errors: ParseError[] = [];
  const parsed = parseTree(wrapped, errors, PARSE_OPTIONS);
  if (errors.length || parsed?.type !== container.type) return undefined;
  const parsedChildren = parsed.children ?? [];
  const entries = parsedChildren.slice(hasBefore ? 1 : 0, hasAfter ? parsedChildren.length - 1 : parsedChildren.length);
  // The stand-ins must still be the neighbours: the body did not swallow or split them.
  if (entries.length + (hasBefore ? 1 : 0) + (hasAfter ? 1 : 0) !== parsedChildren.length) return undefined;
  if (entries.some((entry) => entry.offset < head.length || endOf(entry) > head.length + body.length)) return undefined;
  const delta = start - head.length;
  for (const entry of entries) placeNew(entry, delta, container);
  return entries;
}

/**
 * Old offsets to new ones, for offsets outside every span. An insertion exactly at an offset lies
 * after it when it is the start of a re-parsed stretch (`'start'`), before it otherwise.
 */
type OffsetMap = (offset: number, side?: 'start' | 'end') => number;

function newOffsets(spans: readonly ChangedSpan[]): OffsetMap {
  return (offset, side = 'end') => {
    let shift = 0;
    for (const span of spans) {
      if (span.oldEnd > offset || (side === 'start' && span.oldStart === offset)) break;
      shift += spanDelta(span);
    }
    return offset + shift;
  };
}

export interface Reparsed {
  readonly spans: readonly ChangedSpan[];
  /** Nodes whose content changed (the edited containers and their ancestors): facts about them are stale. */
  readonly changed: ReadonlySet<Node>;
  /** The edited containers: their children were replaced, while an ancestor keeps its own (moved) children. */
  readonly rebuilt: ReadonlySet<Node>;
}

/**
 * Applies `changes` to `root` (a tree of the old text without syntax errors) so that it is the
 * tree of `newText`, or returns undefined, leaving `root` untouched, when it cannot.
 */
export function reparse(root: Node, newText: string, changes: readonly TextChange[], shifts: PendingShifts): Reparsed | undefined {
  const spans = changedSpans(changes);
  if (!spans.length) return undefined;
  const units = unitsFor(root, spans, shifts);
  if (!units) return undefined;
  const toNew = newOffsets(spans);
  const replacements = new Map<Node, { unit: Unit; entries: Node[] }[]>();
  for (const unit of units) {
    const entries = reparseUnit(unit, newText, toNew);
    // Nothing is in the tree yet: declining leaves `root` as it was.
    if (!entries) return undefined;
    const list = replacements.get(unit.container) ?? [];
    list.push({ unit, entries });
    replacements.set(unit.container, list);
  }
  const changed = new Set<Node>();
  for (const unit of units) for (let node: Node | undefined = unit.container; node; node = node.parent) changed.add(node);
  relocate(root, units, replacements, toNew, shifts);
  return { spans, changed, rebuilt: new Set(replacements.keys()) };
}

/** Whether `node` lies clear of every unit's re-parsed stretch: its text is unchanged and moves as one. */
function clearOfUnits(node: Node, units: readonly Unit[]): boolean {
  const end = endOf(node);
  for (const unit of units) if (end > unit.start && node.offset < unit.end) return false;
  return true;
}

/**
 * Moves every old node to its new offsets and puts the new entries in place of the replaced ones.
 * A subtree clear of the changes moves as a whole, its descendants lazily (see PendingShifts):
 * only the containers around the changes are walked.
 */
function relocate(node: Node, units: readonly Unit[], replacements: Map<Node, { unit: Unit; entries: Node[] }[]>, toNew: OffsetMap, shifts: PendingShifts): void {
  if (clearOfUnits(node, units)) {
    shifts.move(node, toNew(node.offset) - node.offset);
    return;
  }
  shifts.settle(node);
  const moved = movable(node);
  const end = endOf(node);
  const offset = toNew(node.offset);
  moved.length = toNew(end) - offset;
  moved.offset = offset;
  if (moved.colonOffset !== undefined) moved.colonOffset = toNew(moved.colonOffset);
  const children = node.children;
  if (!children) return;
  const own = replacements.get(node);
  if (!own) {
    for (const child of children) relocate(child, units, replacements, toNew, shifts);
    return;
  }
  const next: Node[] = [];
  let index = 0;
  for (const { unit, entries } of own) {
    for (; index < unit.first; index++) {
      relocate(children[index], units, replacements, toNew, shifts);
      next.push(children[index]);
    }
    next.push(...entries);
    index = unit.last + 1;
  }
  for (; index < children.length; index++) {
    relocate(children[index], units, replacements, toNew, shifts);
    next.push(children[index]);
  }
  moved.children = next;
}

/**
 * Line starts of the new text from those of the old one: kept before each span, moved after it,
 * found again within it (and one character around, where a "\r\n" may have joined or split).
 */
export function relocateLineStarts(oldStarts: readonly number[], spans: readonly ChangedSpan[], newText: string): number[] {
  const out: number[] = [];
  let index = 0;
  let shift = 0;
  const push = (start: number) => {
    if (out.length === 0 || start > out[out.length - 1]) out.push(start);
  };
  for (const span of spans) {
    for (; index < oldStarts.length && oldStarts[index] < span.oldStart; index++) push(oldStarts[index] + shift);
    for (; index < oldStarts.length && oldStarts[index] <= span.oldEnd + 1; index++);
    const last = Math.min(span.newEnd + 1, newText.length);
    for (let q = Math.max(span.newStart, 1); q <= last; q++) {
      const previous = newText.charCodeAt(q - 1);
      if (previous === 0x0a || (previous === 0x0d && newText.charCodeAt(q) !== 0x0a)) push(q);
    }
    shift += spanDelta(span);
  }
  for (; index < oldStarts.length; index++) push(oldStarts[index] + shift);
  return out;
}
