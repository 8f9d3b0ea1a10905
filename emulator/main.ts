/** Entry point of dist/emulator.js: `node dist/emulator.js [--port P] [--state FILE] ...`. */
import { runEmulatorCli } from './cli';

runEmulatorCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`iot-mitigations emulator: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
