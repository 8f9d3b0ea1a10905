/** Rehearse a mitigation task on a local twin of the account (pure Node; used by the CLI and the extension). */
export { rehearse, buildReport, executionsOf, snsChangesByFinding, waitForTask, type RehearseOptions } from './rehearse';
export { takeSnapshot, RehearsalError, wantedResources } from './snapshot';
export { readResources } from './resources';
export { diffResources, changesOfFinding } from './changes';
export { formatReport, formatText, formatMarkdown, predictsFailure, type ReportFormat } from './report';
export { CANNOT_KNOW } from './limitations';
export type * from './types';
export { requestFromFile } from './fileRequest';
