/**
 * Entry point of dist/emulator.js: `node dist/emulator.js [--port P] [--state FILE] ...`. The
 * extension's SDK bundle requires it too, for the rehearsal's in-process twin: one copy of the
 * emulator in the .vsix.
 */
import { runEmulatorCli } from './cli';

export { DEFAULT_ACCOUNT, startEmulator } from './index';

if (require.main === module) {
  runEmulatorCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`iot-mitigations emulator: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
