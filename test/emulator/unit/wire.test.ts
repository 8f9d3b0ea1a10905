import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../emulator/errors';
import { checkStringShape, jsonNestingDepth, parseIsoTimestamp, parseQuery } from '../../../emulator/http/wire';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ApiError);
    assert.equal(error.errorType, 'InvalidRequestException');
    return error.message;
  }
  assert.fail('no error');
}

describe('emulator wire: reading request members', () => {
  it('words each broken string constraint as AWS IoT does', () => {
    const shape = { type: 'string', name: 'Name', min: 2, max: 4, pattern: '^[a-z]+$' } as const;
    const prefix = "1 validation error detected: Value '%' at 'thingName' failed to satisfy constraint: ";
    const expected = (value: string, constraint: string) => prefix.replace('%', value) + constraint;
    assert.equal(checkStringShape('thingName', 'abc', shape), 'abc');
    assert.equal(messageOf(() => checkStringShape('thingName', 'a', shape)), expected('a', 'Member must have length greater than or equal to 2'));
    assert.equal(messageOf(() => checkStringShape('thingName', 'abcde', shape)), expected('abcde', 'Member must have length less than or equal to 4'));
    assert.equal(messageOf(() => checkStringShape('thingName', 'AB', shape)), expected('AB', 'Member must satisfy regular expression pattern: ^[a-z]+$'));
    assert.equal(messageOf(() => checkStringShape('thingName', 'x', { type: 'string', name: 'Kind', enum: ['A', 'B'] })), expected('x', 'Member must satisfy enum value set: [A, B]'));
  });

  it('counts length in code points and shortens a long value in the message', () => {
    assert.equal(checkStringShape('n', '😀😀', { type: 'string', name: 'Name', max: 2 }), '😀😀');
    assert.match(messageOf(() => checkStringShape('n', 'y'.repeat(200), { type: 'string', name: 'Name', max: 4 })), new RegExp(`Value '${'y'.repeat(77)}\\.\\.\\.' at 'n'`));
  });

  it('reads RFC 3339 query timestamps with 0 to 9 fractional digits and refuses others', () => {
    assert.equal(parseIsoTimestamp('startTime', '2024-01-02T03:04:05.123456Z'), Date.UTC(2024, 0, 2, 3, 4, 5, 123));
    assert.equal(parseIsoTimestamp('startTime', '2024-01-02T03:04:05+01:00'), Date.UTC(2024, 0, 2, 2, 4, 5));
    assert.match(messageOf(() => parseIsoTimestamp('startTime', '2024-01-02')), /'startTime' is not a valid ISO-8601 timestamp/);
  });

  it('decodes a query strictly, keeps the first of repeated names, and measures JSON nesting outside strings', () => {
    assert.deepEqual([...parseQuery('a=1&b=%2F&a=2&&c')], [['a', '1'], ['b', '/'], ['c', '']]);
    assert.match(messageOf(() => parseQuery('a=%E0%A4%A')), /Invalid percent-encoding in query parameter 'a'/);
    assert.equal(jsonNestingDepth('{"a":[{"b":"[[[{"}]}'), 3);
  });
});
