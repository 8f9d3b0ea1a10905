/**
 * Re-indexing a file updates only the names that came or went: the index must still answer
 * exactly as one built from scratch for the same files (which names resolve, to which type, in
 * which files), and its version must move only when names or types change.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../server/service/workspaceIndex';

const certificate = '{ "updateDeviceCertificateParams": { "action": "DEACTIVATE" } }';
const logging = '{ "enableIoTLoggingParams": { "roleArnForLogging": "arn:aws:iam::123456789012:role/L", "logLevel": "ERROR" } }';

function file(actions: Record<string, string>): string {
  const entries = Object.entries(actions).map(([name, params]) => `"${name}": { "roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": ${params} }`);
  return `{ "actions": { ${entries.join(', ')} } }`;
}

/** What another file sees: each name's type and the files defining it. */
function answers(index: WorkspaceIndex, names: readonly string[]) {
  const resolver = index.resolverFor('file:///other.mitigation.json');
  return names.map((name) => ({ name, type: resolver.actionTypeOf(name), files: index.definitionsElsewhere(name, 'file:///other.mitigation.json').map((d) => d.uri).sort() }));
}

describe('workspace index updates', () => {
  it('answers as a fresh index after names are added, removed and retyped', () => {
    const a = 'file:///a.mitigation.json';
    const b = 'file:///b.mitigation.json';
    const names = ['shared', 'only-a', 'only-b', 'added', 'retyped'];
    const steps: Record<string, string>[] = [
      { shared: certificate, 'only-a': certificate, retyped: certificate },
      { shared: certificate, added: logging, retyped: certificate },
      { shared: certificate, added: logging, retyped: logging },
      { added: logging },
    ];
    const incremental = new WorkspaceIndex();
    incremental.set(b, file({ shared: logging, 'only-b': logging }));
    for (const step of steps) {
      const versionBefore = incremental.version;
      incremental.set(a, file(step));
      assert.ok(incremental.version > versionBefore, 'names or types changed');
      const fresh = new WorkspaceIndex();
      fresh.set(b, file({ shared: logging, 'only-b': logging }));
      fresh.set(a, file(step));
      assert.deepEqual(answers(incremental, names), answers(fresh, names), JSON.stringify(step));
      const versionAfter = incremental.version;
      incremental.set(a, ` ${file(step)}`);
      assert.equal(incremental.version, versionAfter, 'the same names and types: no new version');
    }
    incremental.delete(a);
    assert.deepEqual(answers(incremental, names).filter((answer) => answer.files.length).map((answer) => answer.name), ['shared', 'only-b']);
  });
});
