/**
 * `iot-mitigations emulator` / `node dist/emulator.js`: parses the flags, starts the emulator,
 * prints its URL on the first stdout line and runs until SIGINT or SIGTERM.
 */
import { MAX_EMULATOR_PACE_MS } from '../common/limits';
import { DEFAULT_ACCOUNT, DEFAULT_PORT, startEmulator, StateFileError, type EmulatorOptions } from './index';
import { SEED_NAMES } from './seeds';
import { deniableOperation } from './http/deniedOperations';
import type { SeedName } from './core';

const USAGE = `Usage: iot-mitigations emulator [options]

  --host HOST      interface to bind (default 127.0.0.1)
  --port PORT      port (default ${DEFAULT_PORT}; 0 = a free port)
  --state FILE     keep state durably in FILE (+ FILE.journal); default in memory
  --seed NAME      demo | empty: what a region holds on first use (default demo)
  --pace MS        delay per mitigation execution and audit check (default 0)
  --account ID     default 12-digit account id (default ${DEFAULT_ACCOUNT})
  --allow-host H   also accept requests whose Host is H (repeatable; "*" = any)
  --throttle       enforce AWS IoT's per-operation TPS limits (ThrottlingException)
  --deny OPERATION answer OPERATION (e.g. ListTagsForResource) with AccessDeniedException, as
                   IAM does without its permission (repeatable, or comma-separated)
  --help           show this help
`;

class UsageError extends Error {}

export function parseEmulatorArgs(argv: readonly string[]): EmulatorOptions | 'help' {
  const options: EmulatorOptions = {};
  const allowed: string[] = [];
  const denied: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++index];
      if (next === undefined) throw new UsageError(`${flag} needs a value.`);
      return next;
    };
    const integer = (name: string, min: number, max: number) => {
      const text = value();
      const parsed = Number(text);
      if (!/^\d+$/.test(text) || parsed < min || parsed > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not "${text}".`);
      return parsed;
    };
    switch (flag) {
      case '--host':
        options.host = value();
        break;
      case '--port':
        options.port = integer('--port', 0, 65535);
        break;
      case '--state':
        options.statePath = value();
        break;
      case '--seed': {
        const seed = value();
        if (!SEED_NAMES.includes(seed as SeedName)) throw new UsageError(`--seed must be one of ${SEED_NAMES.join(', ')}, not "${seed}".`);
        options.seed = seed as SeedName;
        break;
      }
      case '--pace':
        options.paceMs = integer('--pace', 0, MAX_EMULATOR_PACE_MS);
        break;
      case '--account': {
        const account = value();
        if (!/^\d{12}$/.test(account)) throw new UsageError(`--account must be 12 digits, not "${account}".`);
        options.account = account;
        break;
      }
      case '--throttle':
        if (inline !== undefined) throw new UsageError('--throttle takes no value.');
        options.throttle = true;
        break;
      case '--deny':
        for (const name of value().split(',').map((part) => part.trim()).filter((part) => part !== '')) {
          try {
            denied.push(deniableOperation(name, '--deny'));
          } catch (error) {
            throw new UsageError((error as Error).message);
          }
        }
        break;
      case '--allow-host':
        allowed.push(value());
        break;
      default:
        throw new UsageError(`unknown option "${arg}".`);
    }
  }
  if (allowed.length) options.allowedHosts = allowed;
  if (denied.length) options.denyOperations = denied;
  return options;
}

export async function runEmulatorCli(argv: string[]): Promise<number> {
  let options: EmulatorOptions | 'help';
  try {
    options = parseEmulatorArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`iot-mitigations emulator: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    const message = error instanceof StateFileError ? error.message : `could not start: ${(error as Error).message}`;
    process.stderr.write(`iot-mitigations emulator: ${message}\n`);
    return 1;
  }
  process.stdout.write(`IoT Mitigations emulator listening on ${emulator.url} (account ${emulator.account}${options.statePath ? `, state ${options.statePath}` : ', in memory'})\n`);
  for (const note of emulator.notes) process.stderr.write(`iot-mitigations emulator: ${note}\n`);
  const running = emulator;
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.stderr.write(`iot-mitigations emulator: ${signal}, shutting down\n`);
      running.close().then(
        () => resolve(0),
        (error: unknown) => {
          process.stderr.write(`iot-mitigations emulator: shutdown failed: ${(error as Error).message}\n`);
          resolve(1);
        },
      );
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}
