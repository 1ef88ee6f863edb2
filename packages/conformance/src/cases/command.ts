/** Command forms: a string runs through /bin/sh, an array is executed directly with byte-exact argv. */
import { expect, it } from "vitest";
import type { Context } from "../_context.js";

export function commandCases(ctx: Context): void {
  it("a string command runs through /bin/sh -c", async () => {
    const result = await ctx.runProcess("echo $((1 + 2)) | tr 3 x");
    expect(result.stdout).toBe("x\n");
    expect(result.args).toEqual(["/bin/sh", "-c", "echo $((1 + 2)) | tr 3 x"]);
  });

  it("an array command never passes through a shell", async () => {
    const args = ["$HOME", "a b", "'q'", '"d"', "`x`", "*", "", "line1\nline2", "ünï €😀"];
    const result = await ctx.runProcess(ctx.sh('printf "%s\\0" "$@"', ...args));
    expect(result.stdout).toBe(args.map((a) => `${a}\0`).join(""));
  });
}
