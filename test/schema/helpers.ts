/** Shared by the schema tests: the committed schema compiled with ajv, and the examples on disk. */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export const ROOT = join(__dirname, '..', '..');
export const EXAMPLES = join(ROOT, 'examples');
export const SCHEMA_FILE = join(ROOT, 'schemas', 'mitigation.schema.json');

/** VS Code's annotation keywords: ajv must know them to run in strict mode. */
const EDITOR_KEYWORDS = [
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'defaultSnippets',
  'deprecationMessage',
  'patternErrorMessage',
  'errorMessage',
  'doNotSuggest',
];

export type JsonSchema = { [keyword: string]: unknown };

export function loadSchema(): JsonSchema {
  return JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as JsonSchema;
}

export function compileSchema(schema: JsonSchema = loadSchema()): ValidateFunction {
  // strictRequired would reject the `required`-only conditions that pick the document kind: that idiom is intended.
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: true, strict: true, strictRequired: false });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  return ajv.compile(schema);
}

/** Parses JSON with comments, failing loudly on syntax errors so a broken example cannot pass. */
export function parseJsonc(text: string, file: string): unknown {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length) {
    throw new Error(`${file}: ${errors.map((error) => `${printParseErrorCode(error.error)} at offset ${error.offset}`).join(', ')}`);
  }
  return value;
}

export interface ExampleFile {
  readonly name: string;
  readonly path: string;
  readonly text: string;
  readonly value: unknown;
}

/** Every example document: the *.mitigation.json files and the CLI input documents. */
export function exampleFiles(): ExampleFile[] {
  const files = [
    ...readdirSync(EXAMPLES).filter((name) => name.endsWith('.mitigation.json')),
    ...readdirSync(join(EXAMPLES, 'cli-input')).filter((name) => name.endsWith('.json')).map((name) => `cli-input/${name}`),
  ];
  return files.sort().map((name) => {
    const path = join(EXAMPLES, name);
    const text = readFileSync(path, 'utf8');
    return { name, path, text, value: parseJsonc(text, name) };
  });
}

/** The examples that show mistakes on purpose. */
export const MISTAKES_EXAMPLE = 'mistakes.mitigation.json';

/** A JSON pointer (ajv's instancePath) for a validator path. */
export function pointer(path: readonly (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.keyword} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('\n');
}
