/** The domain catalogue shared by the language server, the extension and the emulator. */
export * from './shapes';
export * from './model';
export * from './actionTypes';
export * from './auditChecks';
export * from './limits';
export * from './validate';
export * from './document/envelope';
export * from './text';
export * from './json';
export * from './documentModel';
export * from './templates';
export * from './catalogueText';
export * from './auditSections';
export * from './auditLoopValidation';
