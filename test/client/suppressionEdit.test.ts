/**
 * The edit "Suppress Finding…" makes to a mitigation file (common/suppressionEdit.ts): appended
 * to the `suppressions` list, created when missing, with the file's comments, formatting and
 * indentation kept, read back by the document model as the deploy reads it; and the removal.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { applyEdits } from 'jsonc-parser';
import { readDocumentModel } from '../../common';
import { appendSuppression, removeSuppression, suppressionIndex, type SuppressionEntry } from '../../common/suppressionEdit';

const FILE = `{
  // Quarantine shared certificates.
  "actions": {
    "QuarantineDevice": {
      "type": "ADD_THINGS_TO_THING_GROUP",
      "roleArn": "arn:aws:iam::123456789012:role/IoTMitigationsRole", // the role of every action
      "params": { "thingGroupNames": ["Quarantine"] }
    }
  }
}
`;

const SHARED: SuppressionEntry = { checkName: 'DEVICE_CERTIFICATE_SHARED_CHECK', resourceIdentifier: { deviceCertificateId: 'aaaa1111bbbb2222' }, expirationDate: '2027-01-31', description: 'Lab devices share one certificate' };
const LOGGING: SuppressionEntry = { checkName: 'LOGGING_DISABLED_CHECK', resourceIdentifier: { account: '123456789012' }, suppressIndefinitely: true, description: 'Logging goes elsewhere' };

const append = (text: string, entry: SuppressionEntry) => applyEdits(text, appendSuppression(text, entry));

describe('suppression edit: append', () => {
  it('creates the list in a file without one, keeping every comment and line before it', () => {
    const written = append(FILE, SHARED);
    assert.ok(written.startsWith(FILE.slice(0, FILE.lastIndexOf('  }\n}'))), 'the text before the new member is unchanged');
    assert.match(written, /\/\/ Quarantine shared certificates\./);
    assert.match(written, /\/\/ the role of every action/);
    const tail = ['  },', '  "suppressions": [', '    {', '      "checkName": "DEVICE_CERTIFICATE_SHARED_CHECK",', '      "resourceIdentifier": {', '        "deviceCertificateId": "aaaa1111bbbb2222"', '      },', '      "expirationDate": "2027-01-31",', '      "description": "Lab devices share one certificate"', '    }', '  ]', '}', ''].join('\n');
    assert.ok(written.endsWith(tail), written);
    assert.deepEqual(readDocumentModel(written).suppressions, [{ ...SHARED, path: ['suppressions', 0] }], 'the document model reads it back as a deploy would');
  });

  it('appends to the list a file has, after its last item', () => {
    const written = append(append(FILE, SHARED), LOGGING);
    assert.deepEqual(readDocumentModel(written).suppressions.map((item) => [item.checkName, item.path]), [['DEVICE_CERTIFICATE_SHARED_CHECK', ['suppressions', 0]], ['LOGGING_DISABLED_CHECK', ['suppressions', 1]]]);
    assert.match(written, /"suppressIndefinitely": true/);
    assert.equal(suppressionIndex(written, 'LOGGING_DISABLED_CHECK', { account: '123456789012' }), 1);
  });

  it('indents as the file does (tabs, four spaces) and keeps CRLF line ends', () => {
    const tabbed = '{\r\n\t"actions": {}\r\n}\r\n';
    const written = append(tabbed, LOGGING);
    assert.match(written, /\r\n\t"suppressions": \[\r\n\t\t\{\r\n\t\t\t"checkName"/);
    assert.doesNotMatch(written.replace(/\r\n/g, ''), /\n/, 'no bare line feed');
    assert.match(append('{\n    "actions": {}\n}\n', LOGGING), /\n {4}"suppressions": \[\n {8}\{\n {12}"checkName"/);
  });

  it('refuses a second suppression of the same check and resource, and a file that is no object or whose list is not one', () => {
    const written = append(FILE, SHARED);
    assert.throws(() => appendSuppression(written, { ...SHARED, resourceIdentifier: { deviceCertificateId: 'aaaa1111bbbb2222' }, description: 'again' }), /already suppresses DEVICE_CERTIFICATE_SHARED_CHECK on \{"deviceCertificateId":"aaaa1111bbbb2222"\}/);
    assert.doesNotThrow(() => appendSuppression(written, { ...SHARED, resourceIdentifier: { deviceCertificateId: 'cccc3333' } }), 'another certificate');
    assert.throws(() => appendSuppression('[]', SHARED), /not a JSON object/);
    assert.throws(() => appendSuppression('{ "suppressions": {} }', SHARED), /"suppressions" is not a list/);
  });
});

describe('suppression edit: remove', () => {
  it('removes the item naming the check and resource and leaves the others and the comments', () => {
    const both = append(append(FILE, SHARED), LOGGING);
    const removed = applyEdits(both, removeSuppression(both, 'DEVICE_CERTIFICATE_SHARED_CHECK', { deviceCertificateId: 'aaaa1111bbbb2222' }));
    assert.deepEqual(readDocumentModel(removed).suppressions.map((item) => item.checkName), ['LOGGING_DISABLED_CHECK']);
    assert.match(removed, /\/\/ the role of every action/);
    assert.deepEqual(removeSuppression(removed, 'DEVICE_CERTIFICATE_SHARED_CHECK', { deviceCertificateId: 'aaaa1111bbbb2222' }), [], 'nothing left to remove');
    assert.equal(suppressionIndex(FILE, 'LOGGING_DISABLED_CHECK', { account: '123456789012' }), -1, 'a file without the list');
  });
});
