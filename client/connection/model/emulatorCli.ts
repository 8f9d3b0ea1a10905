/** How the bundled emulator is reached: the SDK's dummy credentials and the AWS CLI's (vscode-free). */
import type { CliConnection } from '../../actions/model/cliCommand';

/** Dummy keys for the emulator, which accepts any signature; never a real account's. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'EMULATOREXAMPLEKEY', secretAccessKey: 'emulator-example-secret' } as const;

/** The emulator's default region: its seed and admin API live there, whatever the AWS setting says. */
export const EMULATOR_REGION = 'us-east-1';

/**
 * A copied command for the emulator carries its own credentials and region, so it runs as
 * pasted in a shell with no AWS set-up (or with a real account's, which it must not use).
 */
export function emulatorCliConnection(endpointUrl: string): CliConnection {
  return {
    endpointUrl,
    environment: { AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey, AWS_REGION: EMULATOR_REGION },
  };
}
