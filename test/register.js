// The test process's TypeScript: ts-node without type checking (`npm run typecheck` and CI's tsc check
// types), transpiled by swc (ts-node's `swc` option, ts-node/dist/transpilers/swc.js) because the test
// process loads a few hundred files; TypeScript's own transpiler where @swc/core has no binary for the
// platform (ts-node/dist/index.js: `swc` implies transpileOnly). The programs the tests start by the
// engine's path keep the CLI's start-up (@pulumi/pulumi/cmd/run/run.js
// registers ts-node with the project's tsconfig.json): nothing here reaches them.
let swc = true;
try {
    require("@swc/core");
} catch {
    swc = false;
}
require("ts-node").register({ transpileOnly: true, swc });

// Stack traces. The Pulumi SDK takes one for every promise it tracks (runtime/debuggable.js
// debuggablePromise: `new Error().stack`, thousands per stack run), and ts-node maps every frame of
// every stack through source maps (@cspotcode/source-map-support, installed as
// Error.prepareStackTrace): that was a quarter of the in-process test time. So: a depth of 5 frames
// (V8's default is 10; five still show a failing assertion's place in its spec, and the SDK's own
// source positions, resource.js Resource.stackTrace, raise the limit while they read a stack), and a
// stack with no TypeScript frame (the SDK's JavaScript only) is formatted as V8 formats it, unmapped.
Error.stackTraceLimit = 5;
const mapped = Error.prepareStackTrace;
if (typeof mapped === "function") {
    Error.prepareStackTrace = function (error, frames) {
        for (const f of frames) {
            const file = f.getFileName();
            if (file && file.endsWith(".ts")) return mapped.call(this, error, frames);
        }
        let header;
        try {
            header = error instanceof Error ? error.toString() : String(error);
        } catch {
            header = "Error";
        }
        return header + frames.map((f) => `\n    at ${f}`).join("");
    };
}
