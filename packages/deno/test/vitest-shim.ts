import { expect } from "expect";
const stack: string[] = [];
export function describe(name: string, fn: () => void) { stack.push(name); try { fn(); } finally { stack.pop(); } }
function reg(name: string, fn: () => unknown, ignore: boolean) {
  Deno.test({ name: [...stack, name].join(" > "), fn: async () => { await fn(); }, ignore, sanitizeOps: false, sanitizeResources: false });
}
export const it = Object.assign((n: string, f: () => unknown) => reg(n, f, false), { skip: (n: string, f: () => unknown) => reg(n, f, true) });
export { expect };
