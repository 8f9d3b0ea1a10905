/**
 * Language server benchmark (issue 4): our service against vscode-json-languageservice with our
 * schema, on the same generated ~1 MB mitigation file, in the same run.
 *   npx tsx --expose-gc bench/lsp.bench.ts [--actions N] [--tasks N] [--positions N] [--runs N]
 * Measures full diagnostics (parse + validate, nothing cached) and completion latency (p50/p95
 * over many positions, parse cached as both servers do per document version).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getLanguageService as getJsonLanguageService, type JSONSchema } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ACTION_TYPES } from '../common/actionTypes';
import { GENERATED_ACTIONS as ACTIONS, GENERATED_TASKS as TASKS, collectGarbage, generateFile, option } from './generatedFile';
import { LANGUAGE_ID } from '../common/lspProtocol';
import { getLanguageService } from '../server/service/languageService';

const POSITIONS = option('positions', 400);
const DIAGNOSTIC_RUNS = option('runs', 15);

/** CPU milliseconds (user + system) spent since `since`: less sensitive than wall time to other jobs on a shared machine. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Median time of parse + validate on a new version each run (nothing cached), interleaving both services. */
async function measureDiagnostics(ours: ReturnType<typeof getLanguageService>, json: ReturnType<typeof getJsonLanguageService>, text: string) {
  const ourTimes: number[] = [];
  const jsonTimes: number[] = [];
  const ourCpu: number[] = [];
  const jsonCpu: number[] = [];
  let ourCount = 0;
  let jsonCount = 0;
  const runOurs = async (document: TextDocument) => {
    collectGarbage();
    const cpu = process.cpuUsage();
    const start = performance.now();
    ourCount = (await ours.doValidation(document)).length;
    ourTimes.push(performance.now() - start);
    ourCpu.push(cpuMs(cpu));
    ours.forget(document.uri);
  };
  const runJson = async (document: TextDocument) => {
    collectGarbage();
    const cpu = process.cpuUsage();
    const start = performance.now();
    const jsonDocument = json.parseJSONDocument(document);
    jsonCount = (await json.doValidation(document, jsonDocument, { comments: 'ignore', trailingCommas: 'ignore' })).length;
    jsonTimes.push(performance.now() - start);
    jsonCpu.push(cpuMs(cpu));
  };
  for (let run = 0; run < DIAGNOSTIC_RUNS; run++) {
    const document = TextDocument.create(`file:///bench/run-${run}.mitigation.json`, LANGUAGE_ID, 1, text);
    // Alternate who goes first, so neither always pays for the other's garbage.
    if (run % 2 === 0) {
      await runOurs(document);
      await runJson(document);
    } else {
      await runJson(document);
      await runOurs(document);
    }
  }
  return { ours: median(ourTimes), json: median(jsonTimes), oursCpu: median(ourCpu), jsonCpu: median(jsonCpu), ourCount, jsonCount };
}

async function main(): Promise<void> {
  const text = generateFile(ACTIONS, TASKS);
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'schemas', 'mitigation.schema.json'), 'utf8')) as JSONSchema;
  const uri = 'file:///bench/generated.mitigation.json';

  const ours = getLanguageService({ maxDiagnostics: 1000 });
  const json = getJsonLanguageService({});
  json.configure({ validate: true, allowComments: true, schemas: [{ uri: 'file:///schemas/mitigation.schema.json', fileMatch: ['*.mitigation.json'], schema }] });

  const undefinedReferences = (text.match(/"missing-\d+"/g) ?? []).length;
  const withMistakes = await measureDiagnostics(ours, json, text);
  // The same file with every reference defined: shows what undefined references cost.
  const allDefined = await measureDiagnostics(ours, json, text.replace(/"missing-\d+"/g, `"${ACTION_TYPES[5].type.toLowerCase().replace(/_/g, '-')}-5"`));

  // Completion at many places: keys, values, check names, action references, enum values.
  const document = TextDocument.create(uri, LANGUAGE_ID, 1000, text);
  const jsonDocument = json.parseJSONDocument(document);
  ours.parse(document);
  const candidates = [...text.matchAll(/"[^"\n]*"/g)].map((match) => match.index! + 1);
  const positions = Array.from({ length: POSITIONS }, (_, i) => document.positionAt(candidates[Math.floor((i * candidates.length) / POSITIONS)]));
  const ourLatency: number[] = [];
  const jsonLatency: number[] = [];
  let ourItems = 0;
  let jsonItems = 0;
  for (const position of positions) {
    let start = performance.now();
    ourItems += (await ours.doComplete(document, position)).items.length;
    ourLatency.push(performance.now() - start);
    start = performance.now();
    jsonItems += (await json.doComplete(document, position, jsonDocument))?.items.length ?? 0;
    jsonLatency.push(performance.now() - start);
  }
  ourLatency.sort((a, b) => a - b);
  jsonLatency.sort((a, b) => a - b);

  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const ratio = (baseline: number, value: number) => `${(baseline / value).toFixed(1)}x`;
  const rows = [
    [`full diagnostics (median), ${undefinedReferences} undefined references`, withMistakes.ours, withMistakes.json],
    ['full diagnostics (median), every reference defined', allDefined.ours, allDefined.json],
    [`full diagnostics CPU time (median), ${undefinedReferences} undefined references`, withMistakes.oursCpu, withMistakes.jsonCpu],
    ['full diagnostics CPU time (median), every reference defined', allDefined.oursCpu, allDefined.jsonCpu],
    ['completion p50', percentile(ourLatency, 50), percentile(jsonLatency, 50)],
    ['completion p95', percentile(ourLatency, 95), percentile(jsonLatency, 95)],
  ] as const;
  console.log(`File: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${ACTIONS} actions, ${TASKS} tasks; ${DIAGNOSTIC_RUNS} diagnostic runs, ${POSITIONS} completion positions; Node ${process.version}`);
  console.log(`Diagnostics found: ours ${withMistakes.ourCount} (shape and semantic rules), vscode-json-languageservice ${withMistakes.jsonCount} (schema only); ${undefinedReferences} references to undefined actions`);
  console.log(`Completion items offered: ours ${ourItems}, vscode-json-languageservice ${jsonItems}`);
  console.log('');
  console.log('| measure | ours | vscode-json-languageservice + schema | ours is faster by |');
  console.log('|---|---|---|---|');
  for (const [label, mine, theirs] of rows) console.log(`| ${label} | ${ms(mine)} | ${ms(theirs)} | ${ratio(theirs, mine)} |`);
  const slower = rows.filter(([, mine, theirs]) => mine > theirs);
  if (slower.length) {
    console.log(`\nSLOWER than the baseline on: ${slower.map(([label]) => label).join(', ')}`);
    process.exitCode = 1;
  }
}

void main();
