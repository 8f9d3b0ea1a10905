/** Rehearse a mitigation task on a local twin of the account (pure Node; used by the CLI and the extension). */
export { rehearse, buildReport, executionsOf, snsChangesByFinding, waitForTask } from './rehearse';
export { takeSnapshot, RehearsalError, wantedResources } from './snapshot';
export { readResources } from './resources';
export { diffResources } from './changes';
export { formatReport, formatText, formatMarkdown, predictsFailure } from './report';
export type { FindingPrediction, RehearsalReport, RehearsalRequest } from './types';
export { requestFromFile } from './fileRequest';
