// Preloaded (`node --require`) into the Windows build of Node under Wine 8, which shows a Unix symlink as a
// plain directory: Node's own realpath, which module resolution uses, then never leaves the symlinked path, so a
// package that pnpm links from its store cannot find its dependencies beside it. The native realpath asks
// Windows for the file's final path (GetFinalPathNameByHandleW), which Wine answers with the symlink resolved;
// fs.realpathSync and fs.realpath become that one. Test infrastructure, never part of a published package.
"use strict";
const fs = require("node:fs");

const { native: realpathSyncNative } = fs.realpathSync;
const { native: realpathNative } = fs.realpath;
fs.realpathSync = Object.assign((path, options) => realpathSyncNative(path, options), { native: realpathSyncNative });
fs.realpath = Object.assign((path, options, callback) => realpathNative(path, options, callback), { native: realpathNative });
