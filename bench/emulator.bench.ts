/**
 * Emulator benchmarks: request throughput against a bare node:http server in the same run,
 * cold start of the bundle against moto_server's (when installed), executions/s of a
 * 50,000-finding mitigation task, and an audit of all checks over a 100,000-thing fleet.
 *   npm run build && npx tsx bench/emulator.bench.ts
 * Prints a markdown block and writes it into the "## Emulator" section of BENCHMARKS.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, Agent } from 'node:http';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AUDIT_CHECKS } from '../common/auditChecks';
import { startEmulator } from '../emulator/index';

const BUNDLE = resolve(__dirname, '../dist/emulator.js');
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 1_500);
const ROUNDS = 3;
/** Each server's unmeasured first round per case. */
const WARM_UP_MS = 500;
const CONCURRENCY = 32;
const TASK_FINDINGS = 50_000;
const FLEET_THINGS = 100_000;

function call(agent: Agent, port: number, method: string, path: string, body?: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (response) => {
      response.resume();
      response.on('end', () => resolvePromise(response.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc: less disturbed by other load than wall time. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Rate {
  /** Requests per wall-clock second. */
  wall: number;
  /** Requests per CPU second of the server process. */
  cpu: number;
}

async function throughput(pid: number, port: number, method: string, path: string, body?: string, durationMs = DURATION_MS): Promise<Rate> {
  const cpuBefore = cpuSeconds(pid);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let completed = 0;
  const deadline = Date.now() + durationMs;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) {
        const status = await call(agent, port, method, path, body);
        if (status !== 200) throw new Error(`${method} ${path} answered ${status}`);
        completed++;
      }
    }),
  );
  agent.destroy();
  return { wall: completed / ((Date.now() - started) / 1000), cpu: completed / Math.max(0.01, cpuSeconds(pid) - cpuBefore) };
}

function spawnBundle(args: string[]): Promise<{ child: ChildProcess; port: number; ms: number }> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first.`);
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BUNDLE, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout!.on('data', async (chunk) => {
      stdout += chunk;
      const match = /http:\/\/[\d.]+:(\d+)/.exec(stdout);
      if (!match) return;
      child.stdout!.removeAllListeners('data');
      const port = Number(match[1]);
      const agent = new Agent();
      await call(agent, port, 'GET', '/_emulator/health');
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolvePromise({ child, port, ms });
    });
    child.on('error', reject);
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    child.once('exit', () => resolvePromise());
    child.kill('SIGTERM');
  });
}

/** A bare node:http server answering fixed JSON, in its own process like the emulator, so both get a core. */
const BARE_SERVER = `
const payload = process.env.BARE_PAYLOAD;
const server = require('node:http').createServer((request, response) => {
  request.resume();
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
`;

function bareServer(payload: string): Promise<{ pid: number; port: number; close: () => Promise<void> }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BARE_PAYLOAD: payload } });
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const match = /:(\d+)/.exec(stdout);
      if (match) resolvePromise({ pid: child.pid!, port: Number(match[1]), close: () => stop(child) });
    });
    child.on('error', reject);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function coldStart(): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < 7; run++) {
    const { child, ms } = await spawnBundle(['--seed', 'demo']);
    samples.push(ms);
    await stop(child);
  }
  return median(samples);
}

/** A port free right now, for a server that cannot be told to pick one (moto_server). */
function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePromise(port));
    });
  });
}

function motoServerPath(): string | undefined {
  try {
    return execFileSync('which', ['moto_server'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** moto_server's cold start the same way: spawn to its first HTTP answer (median of 5), or undefined when it is not installed. */
async function motoColdStart(): Promise<number | undefined> {
  const moto = motoServerPath();
  if (!moto) return undefined;
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) {
    const port = await freePort();
    const started = process.hrtime.bigint();
    const child = spawn(moto, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const agent = new Agent();
    for (;;) {
      const status = await call(agent, port, 'GET', '/moto-api/').catch(() => 0);
      if (status > 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    agent.destroy();
    await stop(child);
  }
  return median(samples);
}

interface RequestResult {
  name: string;
  emulator: Rate;
  bare: Rate;
}

async function requestRates(): Promise<RequestResult[]> {
  const { child, port } = await spawnBundle([]);
  const body = (method: string, path: string, payload?: string) =>
    new Promise<string>((resolvePromise) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: payload ? { 'content-type': 'application/json' } : {} }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolvePromise(text));
      });
      req.end(payload);
    });
  await body('POST', '/mitigationactions/actions/Notify', JSON.stringify({ roleArn: 'arn:aws:iam::123456789012:role/IoTMitigationActionsRole', actionParams: { publishFindingToSnsParams: { topicArn: 'arn:aws:sns:us-east-1:123456789012:t' } } }));
  const cases: [string, string, string, string?][] = [
    ['DescribeMitigationAction', 'GET', '/mitigationactions/actions/Notify'],
    ['DescribeThing', 'GET', '/things/gateway-01'],
    ['ListThings (25)', 'GET', '/things?maxResults=25'],
    ['ListAuditFindings (25)', 'POST', '/audit/findings', '{"maxResults":25}'],
  ];
  const results: RequestResult[] = [];
  for (const [name, method, path, payload] of cases) {
    const sample = await body(method, path, payload);
    const bare = await bareServer(sample);
    // An unmeasured round first: JIT compilation of either server's request path is not its steady rate
    // (the first case otherwise measures the emulator's warm-up against a bare server that has little to compile).
    await throughput(bare.pid, bare.port, method, path, payload, WARM_UP_MS);
    await throughput(child.pid!, port, method, path, payload, WARM_UP_MS);
    // Alternate the two servers so load from elsewhere on the machine hits both alike.
    const bareRates: Rate[] = [];
    const emulatorRates: Rate[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRates.push(await throughput(bare.pid, bare.port, method, path, payload));
      emulatorRates.push(await throughput(child.pid!, port, method, path, payload));
    }
    await bare.close();
    const medianRate = (rates: Rate[]): Rate => ({ wall: median(rates.map((rate) => rate.wall)), cpu: median(rates.map((rate) => rate.cpu)) });
    results.push({ name, emulator: medianRate(emulatorRates), bare: medianRate(bareRates) });
  }
  await stop(child);
  return results;
}

/** JSON calls to an in-process emulator; a failed call throws with its answer. */
function apiOf(url: string) {
  return async (method: string, path: string, payload?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: payload === undefined ? undefined : JSON.stringify(payload) });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
    return json;
  };
}

/**
 * Polls a task until it is no longer IN_PROGRESS. A poll that loses its keep-alive connection
 * (the server closed it idle while a snapshot held its event loop) is a read: it is sent again.
 */
async function untilDone(api: ReturnType<typeof apiOf>, path: string): Promise<Record<string, unknown>> {
  let lostConnections = 0;
  for (;;) {
    let described: Record<string, unknown>;
    try {
      described = await api('GET', path);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      if (!(error instanceof TypeError) || cause === undefined || ++lostConnections > 3) throw error;
      process.stderr.write(`bench: GET ${path} lost its connection (${cause.code ?? String(cause)}); polling again\n`);
      continue;
    }
    if (described.taskStatus !== 'IN_PROGRESS') return described;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function executionRate(statePath?: string): Promise<{ seconds: number; perSecond: number }> {
  const emulator = await startEmulator({ port: 0, seed: 'empty', statePath, log: () => undefined });
  const api = apiOf(emulator.url);
  await api('PATCH', '/audit/configuration', { roleArn: 'arn:aws:iam::123456789012:role/Audit', auditCheckConfigurations: { DEVICE_CERTIFICATE_EXPIRING_CHECK: { enabled: true } } });
  await api('POST', '/_emulator/seed', { generate: { things: TASK_FINDINGS, expiringPercent: 100, weakKeyPercent: 0 } });
  const { taskId: auditTaskId } = (await api('POST', '/audit/tasks', { targetCheckNames: ['DEVICE_CERTIFICATE_EXPIRING_CHECK'] })) as { taskId: string };
  await untilDone(api, `/audit/tasks/${auditTaskId}`);
  await api('POST', '/mitigationactions/actions/Deactivate', { roleArn: 'arn:aws:iam::123456789012:role/Mitigation', actionParams: { updateDeviceCertificateParams: { action: 'DEACTIVATE' } } });
  const started = process.hrtime.bigint();
  await api('POST', '/audit/mitigationactions/tasks/bench', { target: { auditTaskId }, auditCheckToActionsMapping: { DEVICE_CERTIFICATE_EXPIRING_CHECK: ['Deactivate'] }, clientRequestToken: 'bench' });
  const task = (await untilDone(api, '/audit/mitigationactions/tasks/bench')) as { taskStatistics: Record<string, { succeededFindingsCount: number }> };
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const succeeded = task.taskStatistics.DEVICE_CERTIFICATE_EXPIRING_CHECK.succeededFindingsCount;
  if (succeeded !== TASK_FINDINGS) throw new Error(`expected ${TASK_FINDINGS} succeeded findings, got ${succeeded}`);
  await emulator.close();
  return { seconds, perSecond: TASK_FINDINGS / seconds };
}

/** An on-demand audit of every check over the generated fleet (default mix: 10 % expiring, 1 % weak keys), start to COMPLETED. */
async function fleetAudit(): Promise<{ seconds: number; checks: number; findings: number; resources: number }> {
  const emulator = await startEmulator({ port: 0, seed: 'empty', log: () => undefined });
  const api = apiOf(emulator.url);
  const names = AUDIT_CHECKS.map((check) => check.name);
  await api('PATCH', '/audit/configuration', { roleArn: 'arn:aws:iam::123456789012:role/Audit', auditCheckConfigurations: Object.fromEntries(names.map((name) => [name, { enabled: true }])) });
  await api('POST', '/_emulator/seed', { generate: { things: FLEET_THINGS } });
  const started = process.hrtime.bigint();
  const { taskId } = (await api('POST', '/audit/tasks', { targetCheckNames: names })) as { taskId: string };
  const task = (await untilDone(api, `/audit/tasks/${taskId}`)) as { taskStatus: string; auditDetails: Record<string, { checkRunStatus: string; nonCompliantResourcesCount?: number; totalResourcesCount?: number }> };
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (task.taskStatus !== 'COMPLETED') throw new Error(`the fleet audit ended ${task.taskStatus}`);
  const details = Object.values(task.auditDetails);
  if (details.length !== names.length) throw new Error(`the audit ran ${details.length} checks, not ${names.length}`);
  await emulator.close();
  const sum = (pick: (detail: (typeof details)[number]) => number | undefined) => details.reduce((total, detail) => total + (pick(detail) ?? 0), 0);
  return { seconds, checks: details.length, findings: sum((detail) => detail.nonCompliantResourcesCount), resources: sum((detail) => detail.totalResourcesCount) };
}

function updateBenchmarksFile(section: string): void {
  const path = resolve(__dirname, '../BENCHMARKS.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const heading = '## Emulator';
  const start = current.indexOf(`${heading}\n`);
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const after = current.indexOf('\n## ', start + heading.length);
    next = `${current.slice(0, start)}${section}${after < 0 ? '' : current.slice(after + 1)}`;
  }
  writeFileSync(path, next.endsWith('\n') ? next : `${next}\n`);
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  const rates = await requestRates();
  const cold = await coldStart();
  const moto = await motoColdStart();
  const best = (runs: { seconds: number; perSecond: number }[]) => runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
  const memory = best([await executionRate(), await executionRate()]);
  const durable = best([await executionRate(join(mkdtempSync(join(tmpdir(), 'iot-emulator-bench-')), 'state.json')), await executionRate(join(mkdtempSync(join(tmpdir(), 'iot-emulator-bench-')), 'state.json'))]);
  const audit = await fleetAudit();
  const number = (value: number) => Math.round(value).toLocaleString('en-US');
  const verdict = (met: boolean) => (met ? 'met' : '**not met**');
  const rows = rates.map(
    (rate) => `| ${rate.name} | ${number(rate.emulator.wall)} | ${number(rate.bare.wall)} | ${(rate.emulator.wall / rate.bare.wall).toFixed(2)} | ${number(rate.emulator.cpu)} | ${number(rate.bare.cpu)} | ${(rate.emulator.cpu / rate.bare.cpu).toFixed(2)} |`,
  );
  const section = `## Emulator

Command: \`npm run build && npx tsx bench/emulator.bench.ts\` (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}; ${CONCURRENCY} keep-alive connections; each case warms both servers up for ${WARM_UP_MS / 1000} s, then alternates bare server and emulator ${ROUNDS} × ${DURATION_MS / 1000} s and reports medians; emulator = \`node dist/emulator.js\` with the demo seed, bare server in its own process too, load generator in a third; load average at start ${loadAtStart.toFixed(1)}).

Requests per wall-clock second depend on what else the machine runs; requests per CPU second of
the server process (from /proc) are the steadier comparison.

| Request | emulator req/s | bare node:http req/s (same JSON) | ratio | emulator req/CPU-s | bare req/CPU-s | ratio |
|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

| Measure | Result | Goal (issue 14) |
|---|---:|---|
| Cold start, spawn of \`node dist/emulator.js\` to first HTTP response (median of 7) | ${cold.toFixed(0)} ms | |
| Anchor: cold start of \`moto_server\` (spawn to first HTTP response, median of 5) | ${moto === undefined ? 'moto_server is not installed: no anchor' : `${moto.toFixed(0)} ms; emulator ${(cold / moto).toFixed(3)}× moto_server`} | ≤ 0.25× moto_server: ${moto === undefined ? 'no anchor' : verdict(cold / moto <= 0.25)} |
| ${TASK_FINDINGS.toLocaleString('en-US')}-finding task, UPDATE_DEVICE_CERTIFICATE, in memory (best of 2) | ${memory.seconds.toFixed(2)} s, ${Math.round(memory.perSecond).toLocaleString('en-US')} executions/s | ≥ 150,000/s: ${verdict(memory.perSecond >= 150_000)} |
| Same task with \`--state\` (journal + group commit: one fsync per batch, answers wait for it; best of 2) | ${durable.seconds.toFixed(2)} s, ${Math.round(durable.perSecond).toLocaleString('en-US')} executions/s | ≥ 60,000/s: ${verdict(durable.perSecond >= 60_000)} |
| On-demand audit, all ${audit.checks} checks, ${FLEET_THINGS.toLocaleString('en-US')}-thing generated fleet, start to COMPLETED | ${audit.seconds.toFixed(2)} s (${audit.resources.toLocaleString('en-US')} resources checked, ${audit.findings.toLocaleString('en-US')} non-compliant) | the figure is set here |

Goal for the request table: ≥ 0.8× bare node:http per CPU second for every request (${rates.filter((rate) => rate.emulator.cpu / rate.bare.cpu >= 0.8).length} of ${rates.length} met in this run). Wall-clock
figures, and the CPU figures less so, move with the load of the machine: compare runs at a
similar load average.
`;
  process.stdout.write(`${section}\n`);
  updateBenchmarksFile(section);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
