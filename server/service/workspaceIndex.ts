/**
 * Every mitigation file of a workspace, reduced to where its actions are defined and used:
 * teams keep shared actions in one file and tasks in others, so a name resolves across files
 * for diagnostics, completion, hover, definition, references and rename. Only these facts are
 * kept per file (and an open document's text, until navigation asks for ranges), never the parse
 * tree, so a thousand files cost little memory.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-protocol';
import { LANGUAGE_ID } from '../../common/lspProtocol';
import type { MitigationActionType } from '../../common/model';
import type { AccountActions } from '../../common/validate';
import { validationCacheOf } from './diagnostics';
import { actionIndex } from './actionIndex';
import { MitigationDocument } from '../../common/document/parse';

export interface IndexedDefinition {
  readonly uri: string;
  readonly name: string;
  readonly type: MitigationActionType | undefined;
  /** The name's key string, quotes included. */
  readonly range: Range;
}

export interface IndexedReference {
  readonly uri: string;
  readonly name: string;
  readonly checkName: string;
  /** The name's string in the check's list, quotes included. */
  readonly range: Range;
}

interface FileFacts {
  readonly definitions: readonly IndexedDefinition[];
  readonly references: readonly IndexedReference[];
}

/** What one file says about actions (the text is parsed once and dropped). */
function factsOf(uri: string, text: string): FileFacts {
  return factsOfDocument(new MitigationDocument(TextDocument.create(uri, LANGUAGE_ID, 0, text)));
}

function factsOfDocument(doc: MitigationDocument): FileFacts {
  const uri = doc.uri;
  const index = actionIndex(doc);
  const definitions = [...index.definitions.values()].map((definition) => {
    const key = definition.property.children![0];
    return { uri, name: definition.name, type: definition.type, range: doc.rangeOf(key.offset, key.length) };
  });
  const references = index.references.map((reference) => ({ uri, name: reference.name, checkName: reference.checkName, range: doc.rangeOf(reference.node.offset, reference.node.length) }));
  return { definitions, references };
}

type ActionTypes = ReadonlyMap<string, MitigationActionType | undefined>;

/**
 * One indexed file: the names it defines with their types, which other files' diagnostics read
 * on every validation, and its definitions and references with their ranges, which navigation
 * needs now and then (worked out on first use for an open document being edited).
 */
class FileEntry {
  private known: FileFacts | undefined;

  constructor(readonly types: ActionTypes, private readonly compute: () => FileFacts) {}

  static ofFacts(facts: FileFacts): FileEntry {
    const entry = new FileEntry(new Map(facts.definitions.map((definition) => [definition.name, definition.type])), () => facts);
    entry.known = facts;
    return entry;
  }

  get facts(): FileFacts {
    this.known ??= this.compute();
    return this.known;
  }
}

/** Whether two files define the same names, in the same order, with the same types. */
function sameTypes(a: ActionTypes, b: ActionTypes): boolean {
  if (a.size !== b.size) return false;
  const others = b.entries();
  for (const [name, type] of a) {
    const other = others.next().value as [string, MitigationActionType | undefined];
    if (other[0] !== name || other[1] !== type) return false;
  }
  return true;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileEntry>();
  /** The files that define each name, in the order they were indexed. */
  private readonly byName = new Map<string, string[]>();
  /** Grows whenever a file's defined names or types change, so memoised results know when to recompute. */
  version = 0;
  /** How much of `version` each file's own changes made: what the other files' resolvers need not see. */
  private readonly ownChanges = new Map<string, number>();
  private readonly resolvers = new Map<string, { othersVersion: number; resolver: AccountActions }>();

  private changed(uri: string): void {
    this.version++;
    this.ownChanges.set(uri, (this.ownChanges.get(uri) ?? 0) + 1);
  }

  get size(): number {
    return this.files.size;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /** Indexes (or re-indexes) a file from its text. */
  set(uri: string, text: string): void {
    this.store(uri, FileEntry.ofFacts(factsOf(uri, text)));
  }

  /**
   * Indexes an open document from the parse the features already share. Only its names and
   * types are read now (a keystroke must not pay for ranges nobody asks for); the ranges come
   * from its text when navigation needs them.
   */
  setDocument(doc: MitigationDocument): void {
    // The validator's own map for this version, when it has made it.
    const types: ActionTypes = doc.kind === 'mitigation-file' ? validationCacheOf(doc).localActionTypes(doc.value) : new Map();
    const { uri, text } = doc;
    this.store(uri, new FileEntry(types, () => factsOf(uri, text)));
  }

  private store(uri: string, entry: FileEntry): void {
    const before = this.files.get(uri);
    this.files.set(uri, entry);
    // Other files' diagnostics depend on names and types only: moving text around changes nothing for them.
    if (before && (before.types === entry.types || sameTypes(before.types, entry.types))) return;
    // Only the names that came or went change in the by-name index (a keystroke that adds one
    // action to a file of thousands must not re-list them all); the others keep their place.
    const previous: ActionTypes = before?.types ?? new Map();
    for (const name of previous.keys()) if (!entry.types.has(name)) this.unlist(name, uri);
    for (const name of entry.types.keys()) if (!previous.has(name)) this.byName.set(name, [...(this.byName.get(name) ?? []), uri]);
    this.changed(uri);
  }

  delete(uri: string): void {
    const entry = this.files.get(uri);
    if (!entry) return;
    this.files.delete(uri);
    for (const name of entry.types.keys()) this.unlist(name, uri);
    this.changed(uri);
  }

  private unlist(name: string, uri: string): void {
    const remaining = (this.byName.get(name) ?? []).filter((other) => other !== uri);
    if (remaining.length) this.byName.set(name, remaining);
    else this.byName.delete(name);
  }

  private urisDefining(name: string, exceptUri: string): string[] {
    return (this.byName.get(name) ?? []).filter((uri) => uri !== exceptUri);
  }

  /** Definitions of `name` in files other than `exceptUri`. */
  definitionsElsewhere(name: string, exceptUri: string): IndexedDefinition[] {
    return this.urisDefining(name, exceptUri).flatMap((uri) => this.files.get(uri)!.facts.definitions.filter((definition) => definition.name === name));
  }

  /** Every action defined outside `exceptUri`, one per name (the first file's). */
  actionsElsewhere(exceptUri: string): Pick<IndexedDefinition, 'uri' | 'name' | 'type'>[] {
    const out: Pick<IndexedDefinition, 'uri' | 'name' | 'type'>[] = [];
    for (const [name, uris] of this.byName) {
      const uri = uris.find((other) => other !== exceptUri);
      if (uri) out.push({ uri, name, type: this.files.get(uri)!.types.get(name) });
    }
    return out;
  }

  /** References to `name` in files other than `exceptUri`. */
  referencesElsewhere(name: string, exceptUri: string): IndexedReference[] {
    const out: IndexedReference[] = [];
    for (const [uri, entry] of this.files) {
      if (uri === exceptUri) continue;
      for (const reference of entry.facts.references) if (reference.name === name) out.push(reference);
    }
    return out;
  }

  /**
   * The validator's view of the other files: an action's type by name. The same object while no
   * other file's names or types change, so the validator keeps what it resolved with it.
   */
  resolverFor(exceptUri: string): AccountActions {
    const othersVersion = this.version - (this.ownChanges.get(exceptUri) ?? 0);
    const known = this.resolvers.get(exceptUri);
    if (known && known.othersVersion === othersVersion) return known.resolver;
    const resolver: AccountActions = { actionTypeOf: (name) => this.urisDefining(name, exceptUri).map((uri) => this.files.get(uri)!.types.get(name)).find((type) => type) };
    this.resolvers.set(exceptUri, { othersVersion, resolver });
    return resolver;
  }
}
