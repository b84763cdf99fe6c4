// The test process's TypeScript is the tools' (tools/register.js: swc, no type check).
require("../tools/register");

// Stack traces. The Pulumi SDK takes one for every promise it tracks (runtime/debuggable.js
// debuggablePromise: `new Error().stack`, thousands per stack run) and one of unlimited depth for
// every resource (resource.js Resource.callsites, for its source position), and ts-node maps every
// frame of every stack through source maps (@cspotcode/source-map-support, installed as
// Error.prepareStackTrace): that was a quarter of the in-process test time. So:
// - a depth of 5 frames (V8's default is 10; five still show a failing assertion's place in its spec);
// - a promise's stack is not formatted at all: debuggable.js prints it only for a leaked promise with
//   PULUMI_DEBUG_PROMISE_LEAKS set (promiseDebugString), and then it is formatted as usual;
// - a resource's callsites, and a stack with no TypeScript frame (the SDK's JavaScript only), are
//   formatted as V8 formats them, unmapped: the source position the SDK sends the mock monitor is a
//   line of the transpiled spec, which no test reads.
Error.stackTraceLimit = 5;
const mapped = Error.prepareStackTrace;
const leaks = !!process.env.PULUMI_DEBUG_PROMISE_LEAKS;
const sdkFrame = (f, file, fn) => f.getFunctionName() === fn && (f.getFileName() || "").endsWith(file);
if (typeof mapped === "function") {
    Error.prepareStackTrace = function (error, frames) {
        const top = frames[0];
        if (top && !leaks && sdkFrame(top, "/runtime/debuggable.js", "debuggablePromise")) return "Error: a promise's stack (PULUMI_DEBUG_PROMISE_LEAKS=1 formats it)";
        const unmapped = top && sdkFrame(top, "/resource.js", "callsites");
        if (!unmapped && frames.some((f) => (f.getFileName() || "").endsWith(".ts"))) return mapped.call(this, error, frames);
        let header;
        try {
            header = error instanceof Error ? error.toString() : String(error);
        } catch {
            header = "Error";
        }
        return header + frames.map((f) => `\n    at ${f}`).join("");
    };
}

// Scheduling. The test process's own thread is the run's critical path (the in-process specs, then
// the policy specs' calls to the pack), but on 2 cores the dozen programs, packs and compiles it
// starts in the background (test/helpers/background.ts) starved it: a spec of 4 s of CPU took 12 s.
// So the Node.js children that later specs only read results from run at nice 10 and take the CPU
// the test process leaves; the pack and its compile (which the policy specs wait on) and this
// project's own program runs (prod's end-to-end run, the longest child, and the plain-TLS refusal)
// keep its priority. child_process.spawn and execFile are read from the module at each call
// (TypeScript's CommonJS output calls `child_process_1.spawn`), so the launches in tools/ are covered too.
const childProcess = require("child_process");
const os = require("os");
const path = require("path");
const ROOT = path.resolve(__dirname, "..");
function keepsPriority(file, args, options) {
    // Only Node.js children (programs, packs, previews, npm) are heavy; the small tools that specs
    // await early (bash running the apply script and jq, git, tar, python3) keep it, or an early spec
    // waits for them behind the heavy ones (the apply script's three runs took 5 s at nice 10).
    if (file !== process.execPath && !/(^|[/\\])(node|npm)$/.test(file)) return true;
    const argv = [file, ...(Array.isArray(args) ? args : [])].filter((a) => typeof a === "string");
    if (argv.some((a) => /run-policy-pack|[/\\]tsc$/.test(a))) return true;
    const cwd = (Array.isArray(args) ? options : args)?.cwd;
    return argv.some((a) => /[/\\]cmd[/\\]run[/\\]index\.js$/.test(a)) && cwd !== undefined && path.resolve(cwd) === ROOT;
}
for (const name of ["spawn", "execFile"]) {
    const launch = childProcess[name];
    childProcess[name] = function (file, args, options, ...rest) {
        const child = launch.call(this, file, args, options, ...rest);
        if (child.pid && !keepsPriority(file, args, options)) {
            try {
                os.setPriority(child.pid, 10);
            } catch {
                // gone already, or not allowed: it keeps our priority
            }
        }
        return child;
    };
}
