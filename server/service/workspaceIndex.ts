/**
 * Every mitigation file of a workspace, reduced to where its actions are defined and used:
 * teams keep shared actions in one file and tasks in others, so a name resolves across files
 * for diagnostics, completion, hover, definition, references and rename. Only these facts are
 * kept per file, never the parse tree, so a thousand files cost little memory.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-protocol';
import { LANGUAGE_ID } from '../../common/lspProtocol';
import type { MitigationActionType } from '../../common/model';
import type { AccountActions } from '../../common/validate';
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

function signature(facts: FileFacts): string {
  return facts.definitions.map((definition) => `${definition.name}:${definition.type ?? ''}`).join(',');
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileFacts>();
  private readonly byName = new Map<string, IndexedDefinition[]>();
  /** Grows whenever a file's defined names or types change, so memoised results know when to recompute. */
  version = 0;

  get size(): number {
    return this.files.size;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  /** Indexes (or re-indexes) a file from its text. */
  set(uri: string, text: string): void {
    this.store(uri, factsOf(uri, text));
  }

  /** Indexes an open document from the parse the features already share. */
  setDocument(doc: MitigationDocument): void {
    this.store(doc.uri, factsOfDocument(doc));
  }

  private store(uri: string, facts: FileFacts): void {
    const before = this.files.get(uri);
    this.drop(uri);
    this.files.set(uri, facts);
    for (const definition of facts.definitions) this.byName.set(definition.name, [...(this.byName.get(definition.name) ?? []), definition]);
    // Other files' diagnostics depend on names and types only: moving text around changes nothing for them.
    if (!before || signature(before) !== signature(facts)) this.version++;
  }

  delete(uri: string): void {
    if (this.drop(uri)) this.version++;
  }

  private drop(uri: string): boolean {
    const facts = this.files.get(uri);
    if (!facts) return false;
    this.files.delete(uri);
    for (const definition of facts.definitions) {
      const remaining = (this.byName.get(definition.name) ?? []).filter((other) => other.uri !== uri);
      if (remaining.length) this.byName.set(definition.name, remaining);
      else this.byName.delete(definition.name);
    }
    return true;
  }

  /** Definitions of `name` in files other than `exceptUri`. */
  definitionsElsewhere(name: string, exceptUri: string): IndexedDefinition[] {
    return (this.byName.get(name) ?? []).filter((definition) => definition.uri !== exceptUri);
  }

  /** Every action defined outside `exceptUri`, one per name (the first file's). */
  actionsElsewhere(exceptUri: string): IndexedDefinition[] {
    const out: IndexedDefinition[] = [];
    for (const definitions of this.byName.values()) {
      const first = definitions.find((definition) => definition.uri !== exceptUri);
      if (first) out.push(first);
    }
    return out;
  }

  /** References to `name` in files other than `exceptUri`. */
  referencesElsewhere(name: string, exceptUri: string): IndexedReference[] {
    const out: IndexedReference[] = [];
    for (const [uri, facts] of this.files) {
      if (uri === exceptUri) continue;
      for (const reference of facts.references) if (reference.name === name) out.push(reference);
    }
    return out;
  }

  /** The validator's view of the other files: an action's type by name. */
  resolverFor(exceptUri: string): AccountActions {
    return { actionTypeOf: (name) => this.definitionsElsewhere(name, exceptUri).find((definition) => definition.type)?.type };
  }
}
