/**
 * The production bundles of the .vsix, built into a folder of their own and run from there as
 * the installed extension runs them: the shared bundles (common.js, protocol.js) beside the ones
 * that require them, the SDK bundle's tree-shaken AWS clients against the bundled emulator, the
 * rehearsal's twin (sdk.js requiring emulator.js), and the language server over stdio. The two
 * bundles that need the `vscode` module (extension.js, languageClient.js) run in the VS Code suite.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Sdk } from '../../client/lazyBundles';
import { exampleText, TestClient } from '../lsp/client';
import { UNUSED_LANGUAGE_FEATURES, UNUSED_SERVER_FEATURES } from '../../scripts/trimLspLibraries.mjs';

const repoRoot = join(__dirname, '..', '..');
const EMULATOR_CREDENTIALS = { accessKeyId: 'EMULATOREXAMPLEKEY', secretAccessKey: 'emulator-example-secret' };
const QUARANTINE = 'quarantine-workflow.mitigation.json';

/** The files a bundle requires from the folder it ships in (`require("./x.js")`). */
function siblingRequires(code: string): string[] {
  return [...new Set([...code.matchAll(/require\("\.\/([\w.-]+)"\)/g)].map(([, file]) => file))];
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (url) resolveUrl(url);
    });
    child.once('exit', (code) => reject(new Error(`the emulator bundle exited (${code}) before printing its URL: ${output}`)));
  });
}

describe('the .vsix bundles, from the folder they ship in', () => {
  let dist: string;
  let emulator: ChildProcess;
  let url: string;
  let sdk: Sdk;

  before(async () => {
    dist = mkdtempSync(join(tmpdir(), 'iot-mitigations-bundles-'));
    const built = spawnSync(process.execPath, ['scripts/build.mjs', '--production', '--only', 'extension,extensionMain,sdk,languageClient,server,emulator', '--outdir', dist], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(built.status, 0, `the production build failed:\n${built.stderr}`);
    emulator = spawn(process.execPath, [join(dist, 'emulator.js'), '--port', '0', '--seed', 'demo'], { stdio: ['ignore', 'pipe', 'inherit'] });
    url = await listeningUrl(emulator);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, as lazyBundles.ts loads it
    sdk = require(join(dist, 'sdk.js')) as Sdk;
  });

  after(() => {
    emulator?.kill();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  it('requires only files the build wrote beside it, and the shared code is in one copy', () => {
    const written = readdirSync(dist).filter((file) => file.endsWith('.js')).sort();
    assert.deepEqual(written, ['common.js', 'emulator.js', 'extension.js', 'extensionMain.js', 'languageClient.js', 'protocol.js', 'sdk.js', 'server.js']);
    const required = new Map(written.map((file) => [file, siblingRequires(readFileSync(join(dist, file), 'utf8'))]));
    for (const [file, siblings] of required) for (const sibling of siblings) assert.ok(written.includes(sibling), `${file} requires ./${sibling}, which the build did not write`);
    // The entry loads extensionMain.js through its code-cache loader (a path, not a require).
    assert.deepEqual(required.get('extension.js'), []);
    assert.match(readFileSync(join(dist, 'extension.js'), 'utf8'), /"extensionMain\.js"/);
    assert.deepEqual(required.get('extensionMain.js')?.sort(), ['common.js', 'languageClient.js', 'sdk.js']);
    assert.deepEqual(required.get('server.js')?.sort(), ['common.js', 'protocol.js']);
    assert.deepEqual(required.get('languageClient.js'), ['protocol.js']);
    assert.deepEqual(required.get('sdk.js')?.sort(), ['common.js', 'emulator.js']);
    assert.deepEqual(required.get('emulator.js'), ['common.js']);
    // The catalogue's one definition of the DEVICE_CERTIFICATE_SHARED_CHECK text: in common.js only.
    const holders = written.filter((file) => readFileSync(join(dist, file), 'utf8').includes('"DEVICE_CERTIFICATE_SHARED_CHECK"'));
    assert.deepEqual(holders, ['common.js']);
  });

  it('the .vsix allowlist (.vscodeignore) names every bundle the build writes for the extension', () => {
    const shipped = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8').split('\n').map((line) => /^!dist\/([\w.-]+\.js)$/.exec(line.trim())?.[1]).filter((file) => file !== undefined);
    assert.deepEqual(shipped.sort(), readdirSync(dist).filter((file) => file.endsWith('.js')).sort());
  });

  it('ships the JSON Schema that jsonValidation names: the repository\'s, without indentation or plain twins of Markdown texts', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ url: string }> } };
    assert.deepEqual(manifest.contributes.jsonValidation.map((entry) => entry.url), ['./dist/mitigation.schema.json']);
    assert.match(readFileSync(join(repoRoot, '.vscodeignore'), 'utf8'), /^!dist\/mitigation\.schema\.json$/m);
    const shipped = readFileSync(join(dist, 'mitigation.schema.json'), 'utf8');
    // VS Code's JSON language features show markdownDescription (markdownEnumDescriptions) where there is one.
    const markdownOnly = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(markdownOnly);
      if (typeof value !== 'object' || value === null) return value;
      const node = value as Record<string, unknown>;
      const kept = Object.entries(node).filter(([key]) => !(key === 'description' && 'markdownDescription' in node) && !(key === 'enumDescriptions' && 'markdownEnumDescriptions' in node));
      return Object.fromEntries(kept.map(([key, member]) => [key, markdownOnly(member)]));
    };
    const repository: unknown = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'mitigation.schema.json'), 'utf8'));
    assert.deepEqual(JSON.parse(shipped), markdownOnly(repository));
    assert.ok(shipped.length < JSON.stringify(repository).length * 0.9, 'the plain twins are still shipped');
    assert.ok(!shipped.includes('\n'), 'the shipped schema keeps its indentation');
  });

  it('the notices name the licence of each package the bundles hold (the bundles keep no legal comments)', () => {
    const notices = readFileSync(join(dist, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const bundled of ['@aws-sdk/client-iot', '@aws-sdk/client-sts', '@smithy/core', 'vscode-languageclient', 'vscode-languageserver', 'vscode-jsonrpc', 'jsonc-parser']) {
      assert.match(notices, new RegExp(`^- ${bundled} \\d+\\.\\d+\\.\\d+`, 'm'), `the notices do not list ${bundled}`);
    }
    // No ISC package any more: semver and minimatch served only what scripts/trimLspLibraries.mjs leaves out.
    assert.doesNotMatch(notices, /^- (semver|minimatch) /m);
    for (const licence of ['Apache-2.0', 'MIT']) assert.match(notices, new RegExp(`^${licence}\n={78}\n\n- [\\s\\S]+?The ${licence} licence, as \\S+ ships it:\n\n\\S`, 'm'), `no ${licence} section with its text`);
  });

  it('the SDK bundle sends the operations the extension uses to the emulator bundle', async () => {
    const client = new sdk.IoTClient({ region: 'us-east-1', endpoint: url, credentials: EMULATOR_CREDENTIALS, maxAttempts: 1 });
    const userAgents: string[] = [];
    client.middlewareStack.add((next) => async (args) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      userAgents.push(headers['user-agent'] ?? '');
      return next(args);
    }, { step: 'finalizeRequest', name: 'recordUserAgent' });
    try {
      const api = new sdk.IotApi(client);
      const window = { startTime: new Date(Date.now() - 30 * 24 * 3600 * 1000), endTime: new Date() };
      const audits = await api.listAudits(window, undefined, 10);
      assert.ok(audits.items.length > 0, 'the demo fleet lists no audit');
      const findings = await api.listFindings({ taskId: audits.items[0].taskId }, undefined, 25);
      assert.ok(findings.items.length > 0, 'the demo audit lists no finding');
      const described = await api.describeFinding(findings.items[0].findingId!);
      assert.equal(described?.findingId, findings.items[0].findingId);
      // An error the service models, not a plain HTTP failure: the error schemas stayed in the bundle.
      await assert.rejects(api.describeFinding('no-such-finding'), { name: 'ResourceNotFoundException', message: /no-such-finding/ });
      await api.createAction('bundle-check', 'arn:aws:iam::123456789012:role/IoTMitigationRole', { updateDeviceCertificateParams: { action: 'DEACTIVATE' } }, [{ Key: 'team', Value: 'fleet' }]);
      const created = (await api.listAllActions()).find((action) => action.actionName === 'bundle-check');
      assert.ok(created, 'ListMitigationActions does not list the action just created');
      assert.deepEqual(await api.listTags(created.actionArn!), [{ Key: 'team', Value: 'fleet' }]);
      await api.deleteAction('bundle-check');
      // The build trims the SDK's package.json to its name and version: the user agent still names the client's.
      const { version } = JSON.parse(readFileSync(join(repoRoot, 'node_modules/@aws-sdk/client-iot/package.json'), 'utf8')) as { version: string };
      assert.ok(userAgents.length > 0 && userAgents.every((agent) => agent.includes(`api/iot#${version}`)), userAgents[0]);
    } finally {
      client.destroy();
    }
  });

  it('the SDK bundle runs from its code cache as in a second window: a request goes out (node:http required, not imported)', () => {
    const cache = join(dist, 'code-cache-check');
    // Each run is a fresh process, as each window's extension host is: V8 reads cached data only for a script it has not compiled yet.
    const script = `const { BundleLoader } = require(${JSON.stringify(join(repoRoot, 'client/shared/model/codeCache.ts'))});
      const loader = new BundleLoader(require, ${JSON.stringify(cache)});
      const sdk = loader.require(${JSON.stringify(join(dist, 'sdk.js'))});
      const client = new sdk.IoTClient({ region: 'us-east-1', endpoint: ${JSON.stringify(url)}, credentials: ${JSON.stringify(EMULATOR_CREDENTIALS)}, maxAttempts: 1 });
      new sdk.IotApi(client).listAllActions().then((actions) => {
        loader.flush();
        client.destroy();
        process.stdout.write(JSON.stringify({ actions: actions.length, uses: loader.loads.map((load) => load.file.split('/').pop() + ':' + load.cache) }));
      });`;
    const run = () => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      return JSON.parse(result.stdout) as { actions: number; uses: string[] };
    };
    // A vm script has no import() without an experimental loader: the build writes require() instead.
    for (const file of ['extensionMain.js', 'sdk.js', 'languageClient.js', 'common.js', 'protocol.js', 'emulator.js']) assert.doesNotMatch(readFileSync(join(dist, file), 'utf8'), /\bimport\(/, file);
    const first = run();
    // The emulator (the rehearsal's twin) loads when a rehearsal starts one, not with the connection.
    assert.deepEqual(first.uses, ['sdk.js:none', 'common.js:none']);
    const second = run();
    assert.deepEqual(second, { actions: first.actions, uses: ['sdk.js:accepted', 'common.js:accepted'] });
  });

  it('the SDK bundle\'s one STS client reads the account and assumes a profile\'s role (the credential providers get it from client-sts)', async () => {
    const code = readFileSync(join(dist, 'sdk.js'), 'utf8');
    assert.equal(code.split('"AWSSecurityTokenServiceV20110615","STSClient"').length - 1, 1, 'one STS command builder, not client-sts\'s and nested-clients\'');
    const sts = new sdk.STSClient({ region: 'us-east-1', endpoint: url, credentials: EMULATOR_CREDENTIALS, maxAttempts: 1 });
    try {
      assert.match((await sdk.readAccountId(sts)).accountId ?? '', /^\d{12}$/);
    } finally {
      sts.destroy();
    }
    // A role profile: the SDK's assume-role provider sends AssumeRole to STS, here the emulator,
    // which answers only GetCallerIdentity; its refusal proves the request went out.
    const saved = { ...process.env };
    const config = join(dist, 'assume-role-config');
    writeFileSync(config, '[profile base]\naws_access_key_id = AKIABASEEXAMPLE00000\naws_secret_access_key = not/a/real/secret\n[profile assumer]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/MitigationsOperator\nsource_profile = base\n');
    Object.assign(process.env, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dist, 'no-credentials'), AWS_ENDPOINT_URL_STS: url, AWS_EC2_METADATA_DISABLED: 'true' });
    const iot = new sdk.IoTClient({ profile: 'assumer', endpoint: url, maxAttempts: 1 });
    try {
      await assert.rejects(new sdk.IotApi(iot).listAllActions(), { message: /implements only the STS action GetCallerIdentity, not AssumeRole/ });
    } finally {
      iot.destroy();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('the rehearsal in the SDK bundle runs its twin on the emulator bundle', async () => {
    const client = new sdk.IoTClient({ region: 'us-east-1', endpoint: url, credentials: EMULATOR_CREDENTIALS, maxAttempts: 1 });
    try {
      const audits = await new sdk.IotApi(client).listAudits({ startTime: new Date(Date.now() - 30 * 24 * 3600 * 1000), endTime: new Date() }, undefined, 10);
      const completed = audits.items.find((audit) => audit.taskStatus === 'COMPLETED');
      assert.ok(completed?.taskId, 'the demo fleet has no completed audit');
      const request = sdk.requestFromFile(exampleText(QUARANTINE), 'quarantine-compromised-devices', completed.taskId);
      const report = await sdk.rehearse(client, request);
      assert.equal(report.taskStatus, 'COMPLETED');
      assert.ok(report.summary.findings > 0, 'the rehearsal saw no finding');
      assert.throws(() => sdk.requestFromFile(exampleText(QUARANTINE), 'no-such-task'), (error: unknown) => error instanceof sdk.RehearsalError && /has no task "no-such-task"/.test(error.message));
    } finally {
      client.destroy();
    }
  });

  it('the server uses none of the connection\'s members the build leaves out of vscode-languageserver', () => {
    const sources = readdirSync(join(repoRoot, 'server'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
    assert.ok(sources.includes('server.ts'), sources.join(', '));
    for (const file of sources) {
      const code = readFileSync(join(repoRoot, 'server', file), 'utf8');
      for (const [module, members] of Object.entries(UNUSED_SERVER_FEATURES)) {
        for (const member of members) assert.doesNotMatch(code, new RegExp(`\\.(languages|window|workspace|notebooks)\\.${member}\\b`), `server/${file} uses ${member}, which the build leaves out with vscode-languageserver's ${module}.js (scripts/trimLspLibraries.mjs)`);
      }
    }
  });

  it('the server bundle answers a real LSP client over stdio with the diagnostics of a file', async () => {
    const lsp = new TestClient({ command: [join(dist, 'server.js'), '--stdio'] });
    try {
      const { capabilities } = await lsp.initialize();
      // The language client bundle has no code for these: the server must not offer them.
      for (const [module, capability] of Object.entries(UNUSED_LANGUAGE_FEATURES)) {
        const offered = capability.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], capabilities);
        assert.equal(offered, undefined, `the server offers ${capability}, but the build leaves vscode-languageclient's ${module}.js out (scripts/trimLspLibraries.mjs)`);
      }
      const uri = 'file:///work/mistakes.mitigation.json';
      await lsp.open(uri, exampleText('mistakes.mitigation.json'));
      const diagnostics = await lsp.diagnosticsFor(uri, (params) => params.diagnostics.length > 0);
      assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'unknown-property' && /Unknown property "description"/.test(diagnostic.message)), JSON.stringify(diagnostics.slice(0, 3)));
      assert.equal(await lsp.shutdown(), 0);
    } finally {
      lsp.dispose();
    }
  });
});
