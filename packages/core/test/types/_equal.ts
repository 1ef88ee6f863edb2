// Helpers of the type tests: checked by tsc only, never run.

/** True when `A` and `B` are the same type (`any` equals only `any`, `string` is not `string | Uint8Array`). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`: `expectTrue<Equal<typeof x, string>>()`. */
export function expectTrue<T extends true>(..._: T extends true ? [] : [never]): void {}
