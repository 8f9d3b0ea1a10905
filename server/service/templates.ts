/**
 * Value templates built from the catalogue: minimal valid skeletons of a shape and the action
 * types' example params, as snippets (completion) or plain text (code actions). The example
 * values themselves are common/templates.ts's.
 */
import type { ActionTypeInfo } from '../../common/actionTypes';
import type { Shape } from '../../common/shapes';
import { EXAMPLE_ROLE_ARN, EXAMPLE_STRINGS } from '../../common/templates';


/** The IAM role the file's actions already use (the first one), so new actions can share it. */
export function roleArnUsedIn(value: unknown): string | undefined {
  const actions = (value as { actions?: unknown } | undefined)?.actions;
  if (typeof actions !== 'object' || actions === null) return undefined;
  for (const action of Object.values(actions)) {
    const role = (action as { roleArn?: unknown } | null)?.roleArn;
    if (typeof role === 'string' && /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/.test(role)) return role;
  }
  return undefined;
}

/** Builds insert text with numbered tab stops, or plain text for clients without snippets. */
export class SnippetWriter {
  private next = 1;
  /**
   * `unit` is one level of indentation, matching the document's; `roleArn` the role new actions
   * get (the file's own when it has one).
   */
  constructor(
    readonly snippets: boolean,
    readonly unit = '  ',
    readonly roleArn = EXAMPLE_ROLE_ARN,
  ) {}

  /** A realistic value for a string shape that must not be empty, if the catalogue has one. */
  exampleFor(shapeName: string): string | undefined {
    return shapeName === 'RoleArn' ? this.roleArn : EXAMPLE_STRINGS[shapeName];
  }

  literal(text: string): string {
    return this.snippets ? text.replace(/[\\$}]/g, '\\$&') : text;
  }

  placeholder(text: string): string {
    return this.snippets ? `\${${this.next++}:${this.literal(text)}}` : text;
  }

  choice(values: readonly string[]): string {
    if (!this.snippets || values.length === 1) return this.literal(values[0]);
    return `\${${this.next++}|${values.map((value) => value.replace(/[\\,|$}]/g, '\\$&')).join(',')}|}`;
  }

  stop(): string {
    return this.snippets ? `$${this.next++}` : '';
  }

  /** A JSON string literal whose content is a placeholder. */
  quoted(text: string): string {
    return `"${this.placeholder(JSON.stringify(text).slice(1, -1))}"`;
  }
}

/** A minimal valid value for a shape: required members only, choices for enums. */
export function skeleton(shape: Shape, indent: string, out: SnippetWriter): string {
  switch (shape.type) {
    case 'string':
      if (shape.enum) return `"${out.choice(shape.enum)}"`;
      return out.exampleFor(shape.name) !== undefined ? out.quoted(out.exampleFor(shape.name)!) : `"${out.stop()}"`;
    case 'boolean':
      return out.choice(['false', 'true']);
    case 'integer':
      return out.placeholder(String(shape.min ?? 0));
    case 'list':
      return `[${skeleton(shape.item, indent, out)}]`;
    case 'map':
      return `{${out.stop()}}`;
    case 'structure': {
      const required = Object.entries(shape.members).filter(([, member]) => member.required);
      if (shape.exactlyOne || required.length === 0) return `{${out.stop()}}`;
      const inner = `${indent}${out.unit}`;
      const lines = required.map(([key, member]) => `${inner}"${out.literal(key)}": ${skeleton(member.shape, inner, out)}`);
      return `{\n${lines.join(',\n')}\n${indent}}`;
    }
  }
}

/** A catalogue example value as JSON text, with every string and boolean a tab stop. */
export function exampleText(value: unknown, indent: string, out: SnippetWriter): string {
  if (typeof value === 'string') return out.quoted(value);
  if (typeof value === 'boolean' || typeof value === 'number') return out.placeholder(String(value));
  if (Array.isArray(value)) return `[${value.map((item) => exampleText(item, indent, out)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const inner = `${indent}${out.unit}`;
    const lines = Object.entries(value).map(([key, item]) => `${inner}"${out.literal(key)}": ${exampleText(item, inner, out)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return 'null';
}

/** A readable default name from a type title: "Deactivate device certificate" → "DeactivateDeviceCertificate". */
export function defaultActionName(info: ActionTypeInfo): string {
  return info.title.replace(/(^|\s+)(\w)/g, (_, _space: string, letter: string) => letter.toUpperCase());
}

export function actionSkeleton(info: ActionTypeInfo, out: SnippetWriter, indent = ''): string {
  const one = indent + out.unit;
  const two = one + out.unit;
  // Tab stops are numbered in the order they are written, which must be reading order.
  const role = out.quoted(out.roleArn);
  const params = exampleText(info.example, two, out);
  return `{\n${one}"roleArn": ${role},\n${one}"actionParams": {\n${two}"${info.paramsKey}": ${params}\n${one}}\n${indent}}`;
}

