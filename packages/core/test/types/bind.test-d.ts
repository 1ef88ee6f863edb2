// toProcess.bind: arguments and results are typed as their structured clones.
import type { BoundModule, Cloned, ToProcess } from "../../src/index.js";
import { type Equal, expectTrue } from "./_equal.js";

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

class CodedError extends Error {
  readonly code = "E_BAD";
  describe(): string {
    return this.code;
  }
}

interface Work {
  point(): Point;
  later(): Promise<Point[]>;
  length(p: Point): number;
  many(...points: Point[]): number;
  optional(label?: string): string;
  kinds(): {
    date: Date;
    regexp: RegExp;
    map: Map<string, Point>;
    set: ReadonlySet<number>;
    bytes: Uint8Array;
    buffer: ArrayBuffer;
    big: bigint;
    nothing: undefined;
    tuple: readonly [string, Point];
    callback: () => void;
  };
  fail(): CodedError;
  fn(): () => number;
  version: string;
}

declare const toProcess: ToProcess;
const work = toProcess.bind<Work>("./work.js");
type W = BoundModule<Work>;

export async function results(): Promise<void> {
  const p = await work.point();
  expectTrue<Equal<typeof p, { readonly x: number; readonly y: number }>>();
  // @ts-expect-error: methods do not cross the process boundary
  p.norm();
  const ps = await work.later();
  expectTrue<Equal<typeof ps, { readonly x: number; readonly y: number }[]>>();
  const k = await work.kinds();
  expectTrue<Equal<typeof k.date, Date>>();
  expectTrue<Equal<typeof k.regexp, RegExp>>();
  expectTrue<Equal<typeof k.map, Map<string, { readonly x: number; readonly y: number }>>>();
  expectTrue<Equal<typeof k.set, ReadonlySet<number>>>();
  expectTrue<Equal<typeof k.bytes, Uint8Array>>();
  expectTrue<Equal<typeof k.buffer, ArrayBuffer>>();
  expectTrue<Equal<typeof k.big, bigint>>();
  expectTrue<Equal<typeof k.nothing, undefined>>();
  expectTrue<Equal<typeof k.tuple, readonly [string, { readonly x: number; readonly y: number }]>>();
  expectTrue<Equal<"callback" extends keyof typeof k ? true : false, false>>();
  const e = await work.fail();
  const asError: Error = e;
  const code: "E_BAD" = e.code;
  // @ts-expect-error: an Error arrives as an Error with its own properties, not as its class
  e.describe();
  expectTrue<Equal<Awaited<ReturnType<W["fn"]>>, never>>();
  expectTrue<Equal<"version" extends keyof W ? true : false, false>>();
  void asError;
  void code;
}

export async function args(): Promise<void> {
  // An instance is cloned to its fields, so a plain object of the fields is as good.
  await work.length(new Point(3, 4));
  await work.length({ x: 3, y: 4 });
  await work.many({ x: 1, y: 2 }, new Point(0, 0));
  await work.optional();
  // @ts-expect-error: a field is missing
  await work.length({ x: 3 });
  expectTrue<Equal<Parameters<W["optional"]>, [label?: string]>>();
}

export function clonedItself(): void {
  expectTrue<Equal<Cloned<string | number>, string | number>>();
  expectTrue<Equal<Cloned<unknown>, unknown>>();
  // biome-ignore lint/suspicious/noExplicitAny: any stays any
  expectTrue<Equal<Cloned<any>, any>>();
  expectTrue<Equal<Cloned<symbol>, never>>();
  expectTrue<Equal<Cloned<Promise<number>>, never>>();
  expectTrue<Equal<Cloned<{ a?: number; f?: () => void }>, { a?: number; f?: undefined }>>();
}
