// The user's mistakes through both engines: every config-error case the specs cover
// (test/tools/preview.spec.ts, test/tools/engine.spec.ts) gives the same exit code and the same
// words from the preview whether the real CLI or the emulated engine ran it; where the CLI refuses
// before the program runs, those words are the CLI's own ("validating stack config: ..."). And a
// type error in a TypeScript program does not stop it under either (this project's tsconfig.json is
// transpile-only, which ts-node honours under the real language host too).
import { stackWith as stackFile } from "../helpers/stackFiles";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Exited } from "../helpers/background";
import { linkModules, TINY_PROJECT, TSCONFIG, writeFiles } from "../helpers/project";
import { previewBoth, ROOT, tempDir } from "./helpers";

const tmp = tempDir("aksml-conf-config-");

const devWith = (name: string, edit: (config: Record<string, any>) => void) => stackFile(tmp, "dev", `Pulumi.${name}.yaml`, edit);

/** A tiny TypeScript project (test/helpers/project.ts) with `files` over it, run as --program. */
function tiny(name: string, files: Record<string, string>): string {
    const dir = path.join(tmp, name);
    writeFiles(dir, { ...TINY_PROJECT, "tsconfig.json": TSCONFIG, ...files });
    return linkModules(dir);
}

const CASES: Record<string, { argv: string[]; says: string }> = {
    "a value of the wrong type (agentCount: three)": {
        argv: ["--stack", "dev", "--stack-file", devWith("three", (c) => (c["aks-ml-serving:cluster"].agentCount = "three"))],
        says: `cluster.agentCount: expected a positive integer, got "three"`,
    },
    "a value the type Pulumi.yaml declares refuses (cluster: a string)": {
        argv: ["--stack", "dev", "--stack-file", devWith("typed", (c) => (c["aks-ml-serving:cluster"] = "aksml-dev"))],
        says: "error: validating stack config: Stack 'dev' with configuration key 'cluster' must be of type 'object'",
    },
    "a boolean that is not one (protect: maybe)": {
        argv: ["--stack", "dev", "--stack-file", devWith("maybe", (c) => (c["aks-ml-serving:protect"] = "maybe"))],
        says: "error: validating stack config: Stack 'dev' with configuration key 'protect' must be of type 'boolean'",
    },
    "a required key missing (workspace)": {
        argv: ["--stack", "dev", "--stack-file", devWith("noworkspace", (c) => delete c["aks-ml-serving:workspace"])],
        says: "error: validating stack config: Stack 'dev' is missing configuration value 'workspace'",
    },
    "TLS material in plain text": {
        argv: ["--stack", "dev", "--stack-file", devWith("plain", (c) => (c["aks-ml-serving:sslKeyPem"] = "-----BEGIN PRIVATE KEY-----"))],
        says: "aks-ml-serving:sslKeyPem: TLS material must not be plain text in the stack file",
    },
    "malformed YAML": {
        argv: ["--stack", "dev", "--stack-file", path.join(ROOT, "test", "fixtures", "preview", "malformed.yaml")],
        says: "malformed YAML",
    },
    "a missing stack file (an empty config, as for the CLI)": {
        argv: ["--stack", "dev", "--stack-file", path.join(tmp, "Pulumi.none.yaml")],
        says: "error: validating stack config: Stack 'dev' is missing configuration values 'attachment', 'cluster', 'endpoints', 'resourceGroup' and 'workspace'",
    },
    "a key Pulumi.yaml declares secret, given in plain text": {
        argv: ["--stack", "s", "--program", tiny("declared", {
            "Pulumi.yaml": `${TINY_PROJECT["Pulumi.yaml"]}config:\n  token:\n    type: string\n    secret: true\n`,
            "Pulumi.s.yaml": "config:\n  t:token: plain\n",
            "index.ts": "export const ok = true;\n",
        })],
        says: "error: validating stack config: Stack 's' with configuration key 'token' must be encrypted as it's secret",
    },
};

describe("conformance: config errors through the real CLI and the emulated engine", function () {
    this.timeout(600000);
    const results: Record<string, { pulumi: Exited; emulated: Exited }> = {};
    before(async () => {
        for (const [name, c] of Object.entries(CASES)) results[name] = await previewBoth(c.argv);
    });

    for (const [name, c] of Object.entries(CASES)) {
        it(`${name}: exit 2, the same words from both`, () => {
            const { pulumi, emulated } = results[name];
            assert.strictEqual(pulumi.code, 2, pulumi.stderr);
            assert.strictEqual(emulated.code, 2, emulated.stderr);
            assert.strictEqual(pulumi.stderr, emulated.stderr);
            assert.ok(pulumi.stderr.includes(c.says), pulumi.stderr);
            assert.ok(!/\n\s+at /.test(pulumi.stderr), `no stack trace: ${pulumi.stderr}`);
        });
    }
});

describe("conformance: a type error in the program does not stop it", function () {
    this.timeout(600000);
    it("both engines preview a program whose index.ts does not type-check: exit 0, its output known", async () => {
        const dir = tiny("typeerror", { "index.ts": 'const n: number = "not a number";\nexport const value = n;\n' });
        const both = await previewBoth(["--stack", "s", "--program", dir, "--format", "json"]);
        assert.strictEqual(both.pulumi.code, 0, both.pulumi.stderr);
        assert.strictEqual(both.emulated.code, 0, both.emulated.stderr);
        assert.deepStrictEqual(JSON.parse(both.pulumi.stdout).engine.name, "pulumi");
    });
});

describe("conformance: --program with a package that has no stand-in of its own", function () {
    this.timeout(600000);
    it("both engines preview it with the generic echo stand-in, the pack sees its inputs, and the engine line names it", async () => {
        const dir = path.join(tmp, "generic");
        writeFiles(dir, {
            ...TINY_PROJECT, "tsconfig.json": TSCONFIG,
            "index.ts": 'import * as pulumi from "@pulumi/pulumi";\nexport const w = new pulumi.CustomResource("widgets:index:Widget", "w", { size: 3 }).urn;\n',
            // A resource package as the language host finds one (package.json "pulumi": { resource: true }).
            "node_modules/@acme/widgets/package.json": JSON.stringify({ name: "@acme/widgets", version: "1.2.3", pulumi: { resource: true, name: "widgets", version: "1.2.3" } }),
        });
        const modules = path.join(ROOT, "node_modules");
        for (const entry of fs.readdirSync(modules)) if (entry !== "@acme") fs.symlinkSync(path.join(modules, entry), path.join(dir, "node_modules", entry));
        const both = await previewBoth(["--stack", "s", "--program", dir, "--format", "json"]);
        for (const [name, r] of Object.entries(both)) {
            assert.strictEqual(r.code, 0, `${name}: ${r.stderr}`);
            const out = JSON.parse(r.stdout);
            const widget = (out.resources as any[]).find((x) => x.type === "widgets:index:Widget");
            assert.ok(widget, `${name}: ${JSON.stringify((out.resources as any[]).map((x) => x.type))}`);
            assert.deepStrictEqual(widget.allInputs, { size: 3 }, `${name}: the inputs reach the pack's view`);
            assert.match(out.engine.label, /; the generic echo stand-in for widgets 1\.2\.3 \(no stand-in of its own/, name);
        }
    });
});
