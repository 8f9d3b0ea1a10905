/**
 * The "production" profile of the VS Code suite: an emulator playing a real account, which
 * runCodeServer.ts starts and the suites (through helpers.ts) check. No VS Code import, so both
 * sides can read it.
 */
export const REAL_ACCOUNT = { id: '210987654321', region: 'eu-west-1' } as const;
