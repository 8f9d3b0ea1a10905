/**
 * The second bundle (dist/sdk.js): everything only a connection needs — the AWS SDK clients, the
 * IoT operations over them, the SDK's profile resolution and the rehearsal's in-process twin.
 * The extension loads it on first use through client/lazyBundles.ts, so activation never pays for it.
 */
export { IoTClient } from '@aws-sdk/client-iot';
export { STSClient } from '@aws-sdk/client-sts';
export { IotApi } from '../shared/model/iotApi';
export { readResource, resourceThings } from '../audits/model/resourceReads';
export { createSuppression, deleteSuppression, readScheduledAudits, readScheduledRuns, readSuppressions, renewSuppression } from '../audits/model/auditLoopReads';
export { answersEmulatorHealth, profileRegion, readAccountId } from './model/sdkResolution';
export { resolveConfiguredEndpoints } from '../../rehearsal/profileEndpoints';
export { rehearse, RehearsalError, requestFromFile } from '../../rehearsal/index';
export { AuditLoopApi } from '../actions/model/auditLoopApi';
