// Types of code-server.mjs, for the TypeScript harness and benchmarks.
export declare const CODE_SERVER_VERSION: string;
export declare const NODE_VERSION: string;
export declare const repoRoot: string;
export declare const codeServerBin: string;
export declare const node24Bin: string;
export declare const USER_SETTINGS: Readonly<Record<string, unknown>>;

export interface SessionPaths {
  readonly userDataDir: string;
  readonly settingsFile: string;
  readonly extensionsDir: string;
  readonly configFile: string;
}

export declare function sessionPaths(sessionDir: string): SessionPaths;
export declare function prepareSession(sessionDir: string, settings: Readonly<Record<string, unknown>>): SessionPaths & { readonly settingsLeftAlone: boolean };
export declare function codeServerArgs(sessionDir: string, port: number, options?: { readonly smokeTestDriver?: boolean }): string[];
export declare function codeServerEnv(sessionDir: string, env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export declare function installedExtensionFolder(): string;
export declare function freePort(): Promise<number>;
export declare function waitUntilHealthy(url: string, options: { readonly timeoutMs: number; readonly gaveUp?: () => boolean }): Promise<boolean>;
