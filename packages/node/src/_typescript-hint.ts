/** What a Node.js worker says when a TypeScript module cannot be imported on the running Node line. */
export const TYPESCRIPT_HINT = `Node.js ${process.versions.node} imports TypeScript only from 22.6 with --experimental-strip-types (on by default from 23.6 and 22.18), and never from under node_modules; compile the module to JavaScript`;
