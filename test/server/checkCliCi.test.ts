/** The check CLI for every CI: formats, warning limits, stdin, encodings, missing and empty files. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { runCheckCli } from '../../cli/check';
import { EXAMPLES } from './helpers';

async function run(args: string[], cwd: string, stdin?: Buffer): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCheckCli(args, { out: (text) => (out += text), err: (text) => (err += text) }, cwd, stdin ? { stdin: async () => stdin } : {});
  return { code, out, err };
}

const WARNINGS_ONLY = '{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["InTheAccount", "AlsoThere"]}}}}';
const VALID = readFileSync(join(EXAMPLES, 'quarantine-workflow.mitigation.json'), 'utf8');

/**
 * The parts of SARIF 2.1.0 that consumers require (OASIS SARIF 2.1.0: sarifLog §3.13, run §3.14,
 * tool §3.18, toolComponent §3.19, result §3.27, location §3.28, region §3.30). The official JSON
 * schema is not available offline here, so this schema restates its required members and enums.
 */
const SARIF_REQUIRED = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          tool: { type: 'object', required: ['driver'], properties: { driver: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, version: { type: 'string' }, rules: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } } } } },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                // SARIF allows a message by id too; this tool always writes text.
                message: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        required: ['artifactLocation'],
                        properties: {
                          artifactLocation: { type: 'object', properties: { uri: { type: 'string' }, uriBaseId: { type: 'string' } } },
                          region: { type: 'object', properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 }, endColumn: { type: 'integer', minimum: 1 } } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

describe('check CLI for CI', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'mitigations-ci-'));
    mkdirSync(join(root, 'team'));
    copyFileSync(join(EXAMPLES, 'mistakes.mitigation.json'), join(root, 'mistakes.mitigation.json'));
    writeFileSync(join(root, 'warnings.mitigation.json'), WARNINGS_ONLY);
    writeFileSync(join(root, 'team', 'shared.mitigation.json'), '{"actions": {"Notify": {"roleArn": "arn:aws:iam::123456789012:role/R", "actionParams": {"publishFindingToSnsParams": {"topicArn": "arn:aws:sns:us-east-1:123456789012:T"}}}}}');
    writeFileSync(join(root, 'team', 'tasks.mitigation.json'), '{"tasks": {"t": {"target": {}, "auditCheckToActionsMapping": {"LOGGING_DISABLED_CHECK": ["Notify"]}}}}');
    writeFileSync(join(root, 'empty.mitigation.json'), '  \n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('prints its help on stdout and exits 0', async () => {
    const result = await run(['--help'], root);
    assert.equal(result.code, 0);
    assert.match(result.out, /--format text\|json\|sarif\|github/);
    assert.match(result.out, /--max-warnings N/);
    assert.equal(result.err, '');
  });

  it('writes SARIF 2.1.0 that has every member the format requires', async () => {
    const result = await run(['--format', 'sarif', 'mistakes.mitigation.json'], root);
    assert.equal(result.code, 1);
    const log = JSON.parse(result.out) as { runs: { results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const ajv = new Ajv({ strict: true, allErrors: true, validateFormats: false });
    const validate = ajv.compile(SARIF_REQUIRED);
    assert.ok(validate(log), JSON.stringify(validate.errors));
    const results = log.runs[0].results;
    assert.equal(results.length, 26);
    assert.ok(results.some((r: { ruleId: string; level: string }) => r.ruleId === 'legacy-check' && r.level === 'error'));
    assert.ok(results.every((r: { ruleIndex: number; ruleId: string }) => log.runs[0].tool.driver.rules[r.ruleIndex].id === r.ruleId));
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'mistakes.mitigation.json');
  });

  it('writes GitHub Actions workflow commands', async () => {
    const result = await run(['--format', 'github', 'mistakes.mitigation.json'], root);
    const lines = result.out.trim().split('\n');
    assert.equal(lines.length, 26);
    for (const line of lines) assert.match(line, /^::(error|warning|notice) file=mistakes\.mitigation\.json,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::\S/);
    assert.ok(lines.some((line) => line.startsWith('::warning ') && line.includes('title=arn-service')));
  });

  it('fails on warnings past --max-warnings, and --quiet reports errors only', async () => {
    assert.equal((await run(['warnings.mitigation.json'], root)).code, 0);
    assert.equal((await run(['--max-warnings', '2', 'warnings.mitigation.json'], root)).code, 0);
    const over = await run(['--max-warnings=1', 'warnings.mitigation.json'], root);
    assert.equal(over.code, 1);
    assert.match(over.err, /2 warnings, more than --max-warnings 1/);
    assert.match((await run(['--max-warnings', 'many', 'warnings.mitigation.json'], root)).err, /--max-warnings takes a whole number/);
    const quiet = await run(['--quiet', 'mistakes.mitigation.json'], root);
    assert.ok(quiet.out.trim().split('\n').every((line) => / error /.test(line)));
    assert.equal((await run(['--quiet', 'warnings.mitigation.json'], root)).out, '');
  });

  it('checks "-" from stdin under --stdin-filename', async () => {
    const result = await run(['--stdin-filename', 'pipe/quarantine.mitigation.json', '-'], root, Buffer.from(WARNINGS_ONLY));
    assert.equal(result.code, 0);
    assert.match(result.out, /^pipe\/quarantine\.mitigation\.json:1:\d+ warning undefined-action/);
    assert.match((await run(['--stdin-filename', 'x.json', 'warnings.mitigation.json'], root)).err, /add "-"/);
  });

  it('reports a missing file, still checks the others, and exits 2', async () => {
    const result = await run(['nope.mitigation.json', 'warnings.mitigation.json'], root);
    assert.equal(result.code, 2);
    assert.match(result.err, /Cannot read nope\.mitigation\.json: no such file or directory/);
    assert.match(result.out, /warnings\.mitigation\.json:1:\d+ warning/);
    assert.match(result.err, /1 file checked/);
  });

  it('resolves actions across the files given (one workspace)', async () => {
    assert.match((await run(['team/tasks.mitigation.json'], root)).out, /warning undefined-action/);
    const together = await run(['team'], root);
    assert.equal(together.out, '');
    assert.equal(together.code, 0);
  });

  it('decodes UTF-16 and a UTF-8 byte order mark instead of reporting syntax errors', async () => {
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID, 'utf16le')]);
    const utf16be = Buffer.from(utf16le);
    utf16be.swap16();
    const noBom = Buffer.from(VALID, 'utf16le');
    const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VALID)]);
    for (const [name, bytes] of [['le', utf16le], ['be', utf16be], ['nobom', noBom], ['bom8', utf8Bom]] as const) {
      writeFileSync(join(root, `${name}.mitigation.json`), bytes);
      const result = await run([`${name}.mitigation.json`], root);
      assert.deepEqual([result.code, result.out], [0, ''], name);
    }
    writeFileSync(join(root, 'latin1.mitigation.json'), Buffer.from([0x7b, 0x22, 0xe9, 0xff, 0x22, 0x7d]));
    const binary = await run(['latin1.mitigation.json'], root);
    assert.equal(binary.code, 1);
    assert.deepEqual(binary.out.trim().split('\n'), ['latin1.mitigation.json:1:1 error encoding The file is not text in UTF-8 or UTF-16: save it as UTF-8 (the AWS CLI and this checker read JSON as UTF-8).']);
  });

  it('reports an empty file as a problem', async () => {
    const result = await run(['empty.mitigation.json'], root);
    assert.equal(result.code, 1);
    assert.match(result.out, /^empty\.mitigation\.json:1:1 error unknown-document The file is empty/);
  });
});
