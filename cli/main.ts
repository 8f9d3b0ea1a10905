#!/usr/bin/env node
/**
 * `iot-mitigations` command line: one binary for the emulator, the language server, the
 * `check` linter and `rehearse`. Each subcommand loads only what it needs.
 */
const USAGE = `Usage: iot-mitigations <command> [options]

Commands:
  emulator [--host H] [--port P] [--state FILE] [--seed demo|empty] [--pace MS] [--account ID]
           [--allow-host NAME] [--throttle]   (iot-mitigations emulator --help for details)
                         Run the bundled AWS IoT emulator.
  lsp --stdio | --node-ipc
                         Run the language server for *.mitigation.json files.
  check [--format text|json|sarif|github] [--max-warnings N] [--quiet] FILES|DIRS|GLOBS|-
                         Validate mitigation files; exit 1 on problems (check --help).
  rehearse FILE --task NAME [--audit-task-id ID] [--endpoint URL] [--profile P]
           [--region R] [--format text|json|markdown]
                         Run a task on a local twin of the account (read-only) and print what
                         it would do; exit 1 when any execution is predicted to fail.
  help                   Show this help.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'emulator': {
      const { runEmulatorCli } = await import('../emulator/cli');
      return runEmulatorCli(rest);
    }
    case 'lsp': {
      const { startServer } = await import('../server/server');
      startServer(rest);
      return new Promise<number>(() => undefined); // the connection owns the process from here
    }
    case 'check': {
      const { runCheckCli } = await import('./check');
      return runCheckCli(rest);
    }
    case 'rehearse': {
      const { runRehearseCli } = await import('./rehearse');
      return runRehearseCli(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`iot-mitigations: unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`iot-mitigations: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
