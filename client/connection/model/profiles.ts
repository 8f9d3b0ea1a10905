/** AWS profiles and regions for "Select Connection", read with the SDK's own config loader. */
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

interface ProfileInfo {
  readonly name: string;
  /** The profile's region from ~/.aws/config, when set. */
  readonly region?: string;
  /** "sso", "role", "keys" or "process": how the SDK will get its credentials. */
  readonly source: string;
}

export async function listProfiles(): Promise<ProfileInfo[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  return [...names].sort().map((name) => {
    const values = { ...credentialsFile[name], ...configFile[name] };
    const source = values.sso_session || values.sso_start_url ? 'sso' : values.role_arn ? 'role' : values.credential_process ? 'process' : 'keys';
    return { name, region: values.region, source };
  });
}

/** Regions where AWS IoT Device Defender audit is available. */
export const IOT_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1', 'eu-south-1',
  'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'ap-east-1',
  'me-south-1', 'me-central-1', 'sa-east-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1',
];
