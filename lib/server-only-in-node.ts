// Server files import "server-only", so a browser bundle that reaches one fails Next's build. Next
// resolves it to an empty module for its own server bundles (the "react-server" condition); the
// custom server and the CLIs run in plain Node, where it throws on load. This marks it as loaded
// and empty before any server file is required: server.ts and every CLI import this first.
const resolved = require.resolve("server-only");
require.cache[resolved] ??= { id: resolved, filename: resolved, loaded: true, exports: {} } as NodeJS.Module;

export {};
