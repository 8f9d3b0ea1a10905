// Types of caretSemver.cjs, for test/tooling/caretSemver.test.ts.
export interface CaretSemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly prerelease: ReadonlyArray<string | number>;
}
export declare function parse(version: unknown): CaretSemVer | null;
export declare function satisfies(version: string | CaretSemVer, range: string): boolean;
