// `npm run conformance`: the oracles. What our own copies claim (the emulated engine, tools/engine;
// the stand-ins) is proved against the real tools: first the real Pulumi CLI is installed if it is
// missing (npm run -s setup:pulumi, tools/setup-pulumi.ts), then mocha runs test/conformance/**/*.conformance.ts
// (not part of `npm test`, which needs Node.js alone). The last line is "N passed, N failed";
// the exit status is mocha's (1 when the CLI could not be installed).
import { spawn, spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

function summary(passed: number, failed: number, code: number): never {
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
    process.exit(code);
}

const setup = spawnSync(process.execPath, ["-r", path.join(ROOT, "tools", "register.js"), path.join(ROOT, "tools", "setup-pulumi.ts")], {
    cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"],
});
const bin = String(setup.stdout ?? "").trim().split("\n").pop();
if (setup.status !== 0 || !bin) {
    process.stdout.write(`conformance: the Pulumi CLI could not be installed (npm run -s setup:pulumi exited ${setup.status}; see above)\n`);
    summary(0, 1, 1);
}
process.stderr.write(`conformance: the real Pulumi CLI is in ${bin}\n`);

const mocha = path.join(ROOT, "node_modules", "mocha", "lib", "cli", "cli.js");
const args = ["--max-semi-space-size=128", mocha, "--timeout", "600000", ...process.argv.slice(2)];
if (!process.argv.slice(2).some((a) => !a.startsWith("-"))) args.push("test/conformance/**/*.conformance.ts");
const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
let out = "";
child.stdout.on("data", (d) => {
    out += d;
    process.stdout.write(d);
});
child.on("close", (code) => {
    const count = (word: string) => Number(new RegExp(`^\\s*(\\d+) ${word}`, "m").exec(out)?.[1] ?? 0);
    summary(count("passing"), count("failing"), code ?? 1);
});
