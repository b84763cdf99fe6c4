// The test process's TypeScript: ts-node without type checking (`npm run typecheck` and CI's tsc check
// types), transpiled by swc (ts-node's `swc` option, ts-node/dist/transpilers/swc.js) because the test
// process loads a few hundred files; TypeScript's own transpiler where @swc/core has no binary for the
// platform. The programs the tests start by the engine's path keep the CLI's start-up (cmd/run
// registers ts-node with the project's tsconfig.json): nothing here reaches them.
let swc = true;
try {
    require("@swc/core");
} catch {
    swc = false;
}
require("ts-node").register({ transpileOnly: true, swc });

// Stack depth: the Pulumi SDK takes a stack trace for every promise it tracks (runtime/debuggable.js
// debuggablePromise: `new Error().stack`, thousands per stack run), and ts-node maps each frame through
// source maps (@cspotcode/source-map-support): a quarter of the in-process test time at V8's default
// depth of 10. Five frames still show a failing assertion's place in its spec. The SDK's own source
// positions (resource.js Resource.stackTrace) raise the limit themselves while they read a stack.
Error.stackTraceLimit = 5;
