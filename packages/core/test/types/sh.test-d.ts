// sh: only what it accepts at run time compiles (strings, numbers, bigints and arrays of those).
import { type ShValue, sh } from "../../src/index.js";

declare const flag: boolean;
declare const maybe: string | undefined;
declare const files: readonly string[];

export function accepted(): string[] {
  const list: ShValue = ["a", 1, 2n];
  return [sh`grep -e ${"x"} -n ${3} ${10n} -- ${files} ${list} ${[]}`, sh`plain`];
}

export function refused(): void {
  // @ts-expect-error: undefined is a TypeError at run time
  sh`echo ${undefined}`;
  // @ts-expect-error: null
  sh`echo ${null}`;
  // @ts-expect-error: a possibly undefined string
  sh`echo ${maybe}`;
  // @ts-expect-error: `${flag && "-v"}` would pass "false"
  sh`ls ${flag && "-v"}`;
  // @ts-expect-error: an object
  sh`echo ${{ a: 1 }}`;
  // @ts-expect-error: a function
  sh`echo ${() => "x"}`;
  // @ts-expect-error: a symbol
  sh`echo ${Symbol("s")}`;
  // @ts-expect-error: a nested array
  sh`echo ${[["nested"]]}`;
  // @ts-expect-error: an array holding undefined
  sh`echo ${["ok", undefined]}`;
}
