// execa 9, tinyexec 1 and nano-spawn 2 behind the same operations as the native baselines: `spawn` with
// every stdio ignored (like for like with the native call), `capture` with each library's defaults.

/** Library name → loader of its `{ spawn, capture }` operations (loaded only when measured). */
export const LIBRARIES = {
  async execa() {
    const { execa } = await import("execa");
    return {
      spawn: ([file, ...args]) => execa(file, args, { stdio: "ignore" }),
      capture: async ([file, ...args]) => {
        const { exitCode, stdout, stderr } = await execa(file, args);
        return { code: exitCode, stdout, stderr };
      },
    };
  },
  async tinyexec() {
    const { x } = await import("tinyexec");
    return {
      spawn: ([file, ...args]) => x(file, args, { nodeOptions: { stdio: "ignore" } }),
      capture: async ([file, ...args]) => {
        const { exitCode, stdout, stderr } = await x(file, args);
        return { code: exitCode, stdout, stderr };
      },
    };
  },
  async "nano-spawn"() {
    const { default: spawn } = await import("nano-spawn");
    return {
      spawn: ([file, ...args]) => spawn(file, args, { stdio: "ignore" }),
      capture: async ([file, ...args]) => {
        const { stdout, stderr } = await spawn(file, args);
        return { code: 0, stdout, stderr };
      },
    };
  },
};
