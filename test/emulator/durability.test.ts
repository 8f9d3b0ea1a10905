/**
 * Durability with --state: the real bundle (dist/emulator.js) is spawned, killed with SIGKILL
 * in the middle of work, and restarted on the same file. Every acknowledged request must
 * survive and a running task must finish after the restart. Needs `npm run build` first
 * (npm test runs it in pretest); this suite does not build.
 */
import { CreateMitigationActionCommand, CreateScheduledAuditCommand, CreateThingCommand, DescribeAuditMitigationActionsTaskCommand, DescribeAuditTaskCommand, DescribeCertificateCommand, StartOnDemandAuditTaskCommand, UpdateAccountAuditConfigurationCommand, DescribeThingCommand, IoTClient, ListAuditFindingsCommand, ListAuditMitigationActionsExecutionsCommand, ListAuditTasksCommand, ListTagsForResourceCommand, ListThingsCommand, StartAuditMitigationActionsTaskCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-iot';
import { spawn, type ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEMO } from '../../emulator/index';
import { DAY_MS, waitFor } from './helpers';

const BUNDLE = resolve(__dirname, '../../dist/emulator.js');

interface Spawned {
  child: ChildProcess;
  url: string;
  iot: IoTClient;
  stderr: () => string;
}

const running = new Set<ChildProcess>();

function client(url: string): IoTClient {
  return new IoTClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEMULATORTEST', secretAccessKey: 'x' }, maxAttempts: 1 });
}

function spawnEmulator(args: string[]): Promise<Spawned> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (npm test does it in pretest).`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BUNDLE, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /http:\/\/[\d.]+:\d+/.exec(stdout);
      if (match) resolvePromise({ child, url: match[0], iot: client(match[0]), stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code} before listening: ${stderr}`)));
  });
}

function runToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [BUNDLE, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      running.delete(child);
      resolvePromise({ code, stderr });
    });
  });
}

function killHard(spawned: Spawned): Promise<void> {
  spawned.iot.destroy();
  return new Promise((resolvePromise) => {
    spawned.child.once('exit', () => resolvePromise());
    spawned.child.kill('SIGKILL');
  });
}

const directories: string[] = [];

function stateFile(): string {
  const directory = mkdtempSync(join(tmpdir(), 'iot-emulator-state-'));
  directories.push(directory);
  return join(directory, 'state.json');
}

describe('emulator: durability of --state across kill -9', () => {
  after(() => {
    for (const child of running) child.kill('SIGKILL');
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  it('keeps every acknowledged write and finishes a task that was running when killed', async () => {
    const path = stateFile();
    const first = await spawnEmulator(['--state', path, '--pace', '400']);
    const role = `arn:aws:iam::123456789012:role/${DEMO.mitigationRole}`;
    await first.iot.send(new CreateMitigationActionCommand({ actionName: 'Notify', roleArn: role, actionParams: { publishFindingToSnsParams: { topicArn: `arn:aws:sns:us-east-1:123456789012:${DEMO.topicName}` } } }));
    await first.iot.send(new CreateMitigationActionCommand({ actionName: 'Deactivate', roleArn: role, actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } }));
    const audits = await first.iot.send(new ListAuditTasksCommand({ startTime: new Date(Date.now() - DAY_MS), endTime: new Date(Date.now() + DAY_MS) }));
    const auditTaskId = audits.tasks![0].taskId!;
    await first.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'survivor', target: { auditTaskId }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_KEY_QUALITY_CHECK: ['Notify', 'Deactivate'], DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Notify', 'Deactivate'] } }));
    const findings = (await first.iot.send(new ListAuditFindingsCommand({ taskId: auditTaskId }))).findings!;
    const firstKeyFinding = findings.find((finding) => finding.checkName === 'DEVICE_CERTIFICATE_KEY_QUALITY_CHECK')!;
    // Writes race with the task; each one acknowledged before the kill must survive it.
    const acknowledged: string[] = [];
    const writes = Array.from({ length: 60 }, (_, index) =>
      first.iot.send(new CreateThingCommand({ thingName: `durable-${index}`, attributePayload: { attributes: { index: String(index) } } })).then(() => acknowledged.push(`durable-${index}`), () => undefined),
    );
    await waitFor('an acknowledged write and a completed execution', async () => {
      if (acknowledged.length < 5) return undefined;
      const executions = [];
      for (const finding of findings.filter((candidate) => !candidate.isSuppressed)) {
        executions.push(...((await first.iot.send(new ListAuditMitigationActionsExecutionsCommand({ taskId: 'survivor', findingId: finding.findingId! }))).actionsExecutions ?? []));
      }
      return executions.some((execution) => execution.status === 'COMPLETED') ? true : undefined;
    }, 400, 20);
    const before = await first.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'survivor' }));
    assert.equal(before.taskStatus, 'IN_PROGRESS', 'the kill happens while the task runs');
    const snapshotOfAcknowledged = [...acknowledged];
    await killHard(first);
    await Promise.allSettled(writes);

    const second = await spawnEmulator(['--state', path, '--pace', '0']);
    try {
      for (const thingName of snapshotOfAcknowledged) {
        const thing = await second.iot.send(new DescribeThingCommand({ thingName }));
        assert.equal(thing.attributes?.index, thingName.split('-')[1]);
      }
      const task = await waitFor('the resumed task', async () => {
        const described = await second.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'survivor' }));
        return described.taskStatus === 'IN_PROGRESS' ? undefined : described;
      });
      assert.equal(task.taskStatus, 'COMPLETED');
      assert.equal(task.taskStatistics?.DEVICE_CERTIFICATE_KEY_QUALITY_CHECK?.succeededFindingsCount, 2);
      assert.equal(task.taskStatistics?.DEVICE_CERTIFICATE_EXPIRING_CHECK?.succeededFindingsCount, 2);
      const executions = (await second.iot.send(new ListAuditMitigationActionsExecutionsCommand({ taskId: 'survivor', findingId: firstKeyFinding.findingId! }))).actionsExecutions!;
      assert.deepEqual(executions.map((execution) => execution.status), ['COMPLETED', 'COMPLETED']);
    } finally {
      await killHard(second);
    }
  });

  it('loses no acknowledged write across 24 kill -9 in a row', async (t) => {
    const path = stateFile();
    const acknowledged: string[] = [];
    let attempted = 0;
    for (let round = 0; round < 24; round++) {
      const spawned = await spawnEmulator(['--state', path]);
      // Everything acknowledged so far is there after every restart.
      const listed = new Set<string>();
      let nextToken: string | undefined;
      do {
        const page = await spawned.iot.send(new ListThingsCommand({ attributeName: 'kill', maxResults: 250, nextToken }));
        for (const thing of page.things ?? []) listed.add(thing.thingName!);
        nextToken = page.nextToken;
      } while (nextToken);
      const lost = acknowledged.filter((name) => !listed.has(name));
      assert.deepEqual(lost, [], `round ${round}: acknowledged writes lost`);
      // Writes in flight while the process is killed: only the acknowledged ones are promised.
      const writes = Array.from({ length: 20 }, (_, index) => {
        const thingName = `kill-${round}-${index}`;
        attempted++;
        return spawned.iot.send(new CreateThingCommand({ thingName, attributePayload: { attributes: { kill: String(round) } } })).then(() => acknowledged.push(thingName), () => undefined);
      });
      await waitFor('a few acknowledged writes', async () => (acknowledged.filter((name) => name.startsWith(`kill-${round}-`)).length >= 8 ? true : undefined), 400, 2);
      await killHard(spawned);
      await Promise.allSettled(writes);
    }
    const last = await spawnEmulator(['--state', path]);
    try {
      for (const thingName of acknowledged) assert.ok((await last.iot.send(new DescribeThingCommand({ thingName }))).thingId, thingName);
    } finally {
      await killHard(last);
    }
    t.diagnostic(`kill -9: 24 kills, ${attempted} writes attempted, ${acknowledged.length} acknowledged, 0 lost`);
  });

  it('group commit: every execution a running unpaced task reported done before kill -9 is still done after restart', async (t) => {
    const path = stateFile();
    const first = await spawnEmulator(['--state', path, '--seed', 'empty']);
    const seeded = await fetch(`${first.url}/_emulator/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ generate: { things: 12_000, expiringPercent: 100, weakKeyPercent: 0 } }) });
    assert.equal(seeded.status, 200, await seeded.text());
    await first.iot.send(new UpdateAccountAuditConfigurationCommand({ roleArn: 'arn:aws:iam::123456789012:role/Audit', auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: true } } }));
    const { taskId: auditTaskId } = await first.iot.send(new StartOnDemandAuditTaskCommand({ targetCheckNames: ['DEVICE_CERTIFICATE_EXPIRING_CHECK'] }));
    await waitFor('the audit', async () => ((await first.iot.send(new DescribeAuditTaskCommand({ taskId: auditTaskId }))).taskStatus === 'IN_PROGRESS' ? undefined : true));
    // The findings in the order the task mitigates them (creation order).
    const findings: { findingId: string; certificateId: string }[] = [];
    let nextToken: string | undefined;
    do {
      const page = await first.iot.send(new ListAuditFindingsCommand({ taskId: auditTaskId, maxResults: 250, nextToken }));
      for (const finding of page.findings ?? []) findings.push({ findingId: finding.findingId!, certificateId: finding.nonCompliantResource!.resourceIdentifier!.deviceCertificateId! });
      nextToken = page.nextToken;
    } while (nextToken);
    assert.equal(findings.length, 12_000);
    await first.iot.send(new CreateMitigationActionCommand({ actionName: 'Deactivate', roleArn: 'arn:aws:iam::123456789012:role/Mitigation', actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } }));
    await first.iot.send(new StartAuditMitigationActionsTaskCommand({ taskId: 'batched', target: { auditTaskId }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Deactivate'] } }));
    // Kill as soon as an answer says some, not all, findings are done.
    let reportedDone = 0;
    for (;;) {
      const task = await first.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'batched' }));
      assert.equal(task.taskStatus, 'IN_PROGRESS', `the task ran to its end (${reportedDone} findings seen done) before the test could kill it`);
      reportedDone = task.taskStatistics!.DEVICE_CERTIFICATE_EXPIRING_CHECK!.succeededFindingsCount!;
      if (reportedDone > 0) break;
    }
    await killHard(first);

    // A pace this long holds the resumed task still while its state is read.
    const second = await spawnEmulator(['--state', path, '--pace', '600000']);
    try {
      const task = await second.iot.send(new DescribeAuditMitigationActionsTaskCommand({ taskId: 'batched' }));
      const doneAfter = task.taskStatistics!.DEVICE_CERTIFICATE_EXPIRING_CHECK!.succeededFindingsCount!;
      assert.ok(doneAfter >= reportedDone, `${reportedDone} findings were reported done before the kill, ${doneAfter} are done after it`);
      assert.ok(doneAfter < findings.length, 'the kill happened mid-task');
      t.diagnostic(`kill -9 mid-task: ${reportedDone} of ${findings.length} findings reported done before, ${doneAfter} done after the restart`);
      // The first, the last reported and findings in between: each execution done and its effect applied.
      const sample = [...new Set([0, reportedDone - 1, ...Array.from({ length: 8 }, (_, index) => Math.floor(((reportedDone - 1) * index) / 8))])];
      for (const position of sample) {
        const { findingId, certificateId } = findings[position];
        const executions = (await second.iot.send(new ListAuditMitigationActionsExecutionsCommand({ taskId: 'batched', findingId }))).actionsExecutions!;
        assert.deepEqual(executions.map((execution) => execution.status), ['COMPLETED'], `finding ${position}`);
        assert.equal((await second.iot.send(new DescribeCertificateCommand({ certificateId }))).certificateDescription?.status, 'INACTIVE', `certificate of finding ${position}`);
      }
    } finally {
      await killHard(second);
    }
  });

  it("keeps a scheduled audit's tags, as created, tagged and untagged, across kill -9", async () => {
    const path = stateFile();
    const first = await spawnEmulator(['--state', path]);
    const { scheduledAuditArn: resourceArn } = await first.iot.send(new CreateScheduledAuditCommand({ scheduledAuditName: 'Tagged', frequency: 'DAILY', targetCheckNames: ['LOGGING_DISABLED_CHECK'], tags: [{ Key: 'team', Value: 'sec' }, { Key: 'env' }] }));
    await first.iot.send(new TagResourceCommand({ resourceArn, tags: [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'audit' }] }));
    await first.iot.send(new UntagResourceCommand({ resourceArn, tagKeys: ['team'] }));
    await killHard(first);
    const second = await spawnEmulator(['--state', path]);
    try {
      assert.deepEqual((await second.iot.send(new ListTagsForResourceCommand({ resourceArn }))).tags, [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'audit' }]);
    } finally {
      await killHard(second);
    }
  });

  it('shuts down cleanly on SIGTERM with a snapshot, and recovers from a torn last journal line', async () => {
    const path = stateFile();
    const first = await spawnEmulator(['--state', path, '--seed', 'empty']);
    await first.iot.send(new CreateThingCommand({ thingName: 'kept' }));
    first.iot.destroy();
    const code = await new Promise<number | null>((resolvePromise) => {
      first.child.once('exit', (exitCode) => resolvePromise(exitCode));
      first.child.kill('SIGTERM');
    });
    assert.equal(code, 0);
    const snapshot = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(snapshot.format, 'iot-mitigations-emulator-state');
    assert.equal(snapshot.version, 2);
    appendFileSync(`${path}.journal`, '{"s":999999,"r":"123456789012/us-east-1","c":"things","k":"torn","v":{"thi');
    const second = await spawnEmulator(['--state', path]);
    try {
      assert.equal((await second.iot.send(new DescribeThingCommand({ thingName: 'kept' }))).thingName, 'kept');
      await second.iot.send(new CreateThingCommand({ thingName: 'after-torn' }));
      assert.match(second.stderr(), /partly written last journal record/);
    } finally {
      await killHard(second);
    }
    const third = await spawnEmulator(['--state', path]);
    try {
      assert.equal((await third.iot.send(new DescribeThingCommand({ thingName: 'after-torn' }))).thingName, 'after-torn');
    } finally {
      await killHard(third);
    }
  });

  it('refuses corrupt or incompatible files with an error naming the file, and leaves them untouched', async () => {
    const corrupt = stateFile();
    writeFileSync(corrupt, '{"format": "iot-mitigations-emulator-state", "version": 1, "seq": ');
    const result = await runToExit(['--state', corrupt]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`${corrupt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a readable`));
    assert.equal(readFileSync(corrupt, 'utf8'), '{"format": "iot-mitigations-emulator-state", "version": 1, "seq": ');

    const future = stateFile();
    const content = JSON.stringify({ format: 'iot-mitigations-emulator-state', version: 99, seq: 0, regions: {} });
    writeFileSync(future, content);
    const newer = await runToExit(['--state', future]);
    assert.equal(newer.code, 1);
    assert.match(newer.stderr, /version 99 is not supported/);
    assert.equal(readFileSync(future, 'utf8'), content);

    const brokenJournal = stateFile();
    writeFileSync(`${brokenJournal}.journal`, '{"format":"iot-mitigations-emulator-journal","version":1}\nnot json\n{"s":2}\n');
    const journal = await runToExit(['--state', brokenJournal]);
    assert.equal(journal.code, 1);
    assert.match(journal.stderr, /state\.json\.journal: journal line 2 is corrupt/);
  });
});
