// The engine's path (tools/engine): the CLI's project and config rules, the working directory that
// `main` implies, the language host's launch of cmd/run, and the program run against the gRPC monitor.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProgramFailure, runProgram } from "../../tools/engine";
import { configEnvironment, mergeProjectConfig, readStackConfig } from "../../tools/engine/config";
import { DEFAULT_PARALLEL, programLaunch } from "../../tools/engine/languageHost";
import { newUrn } from "../../tools/engine/monitor";
import { EngineError, loadProject, Project, pwdMain } from "../../tools/engine/project";
import { UNKNOWN } from "../../tools/lib/recorder";
import { background } from "../helpers/background";
import { endToEnd } from "../helpers/e2e";
import { BRANCH_PROGRAM, gitProject } from "../helpers/gitProject";
import { linkModules, TINY_PROJECT, TSCONFIG, writeFiles } from "../helpers/project";

const ROOT = path.resolve(__dirname, "..", "..");

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-engine-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A project folder with the given files (node_modules linked to ours). */
const projectDir = (name: string, files: Record<string, string>) => linkModules(writeFiles(path.join(tmp, name), files));

const project = (over: Partial<Project> = {}): Project => ({ name: "p", runtime: { name: "nodejs", options: {} }, config: {}, root: tmp, ...over });
const value = (text: string, secure = false, object = false) => ({ text, secure, object });

describe("tools/engine: Pulumi.yaml (sdk/go/common/workspace: loaders.go, project.go, project.json)", () => {
    it("this project loads; no `main`, so the program runs in the project root with entry point '.'", () => {
        const p = loadProject(ROOT);
        assert.strictEqual(p.name, "aks-ml-serving");
        assert.deepStrictEqual(pwdMain(p), { pwd: ROOT, main: "." });
    });

    it("getPwdMain: `main: infra/` runs the program inside infra/ (where tsconfig.json and stack paths are not)", () => {
        assert.deepStrictEqual(pwdMain(project({ root: ROOT, main: "infra/" })), { pwd: path.join(ROOT, "infra"), main: "." });
        assert.deepStrictEqual(pwdMain(project({ root: ROOT, main: "infra/index.ts" })), { pwd: path.join(ROOT, "infra"), main: "index.ts" });
        assert.throws(() => pwdMain(project({ root: ROOT, main: "nope/" })), /^Error: project 'main' could not be read: ENOENT/);
    });

    it("refuses what the CLI refuses, with its messages", () => {
        const load = (yaml: string) => loadProject(projectDir(`p${Math.random().toString(36).slice(2)}`, { "Pulumi.yaml": yaml }));
        assert.throws(() => load("runtime: nodejs\n"), (e: Error) => e instanceof EngineError && e.message === "project is missing a 'name' attribute");
        assert.throws(() => load("name: p\nruntime: nodejs\nconfig:\n  xs:\n    type: array\n"),
            /could not unmarshal '.*Pulumi\.yaml': The configuration key 'xs' declares an array but does not specify the underlying type via the 'items' attribute$/);
        assert.throws(() => load("name: p\nruntime: nodejs\nconfig:\n  n:\n    type: integer\n    default: x\n"),
            /The default value specified for configuration key 'n' is not of the expected type 'integer'$/);
        assert.throws(() => load("name: p\nruntime: nodejs\nconfig:\n  n:\n    type: number\n"), /could not validate '.*': #\/config\/n\/type: value must be one of "string", "integer"/);
        assert.throws(() => load("name: p\nruntime: nodejs\nconfig:\n  n:\n    typ: string\n"), /#\/config\/n: additionalProperties 'typ' not allowed/);
        assert.strictEqual(load("name: p\nruntime: nodejs\nconfig:\n  n: 3\n").config.n.default, 3, "shorthand is a default");
    });
});

describe("tools/engine: stack config (sdk/go/common/workspace/config.go mergeConfig)", () => {
    it("dev and prod merge and validate against Pulumi.yaml", () => {
        const p = loadProject(ROOT);
        for (const stack of ["dev", "prod"]) mergeProjectConfig(stack, p, readStackConfig(p, path.join(ROOT, `Pulumi.${stack}.yaml`)));
    });

    it("a `default` on a key declared secret fails every stack (the old sslCertPem declaration)", () => {
        const p = project({ config: { sslCertPem: { type: "string", secret: true, default: "" } } });
        assert.throws(() => mergeProjectConfig("dev", p, new Map()), (e: Error) => e instanceof EngineError && e.message === "Stack 'dev' with configuration key 'sslCertPem' must be encrypted as it's secret");
        const ok = mergeProjectConfig("dev", p, new Map([["p:sslCertPem", value("[secret]", true)]]));
        assert.strictEqual(ok.get("p:sslCertPem")?.secure, true);
    });

    it("required keys, declared types, arrays of items", () => {
        const p = project({ config: { a: { type: "object" }, b: { type: "array", items: { type: "object" } }, c: { type: "boolean", default: false } } });
        assert.throws(() => mergeProjectConfig("s", p, new Map()), /^Error: Stack 's' is missing configuration values 'a' and 'b'$/);
        const good = new Map([["p:a", value("{}", false, true)], ["p:b", value('[{"x":1}]', false, true)]]);
        assert.strictEqual(mergeProjectConfig("s", p, good).get("p:c")?.text, "false", "the default, as a plain value");
        assert.throws(() => mergeProjectConfig("s", p, new Map([...good, ["p:b", value("[1]", false, true)]])), /^Error: Stack 's' with configuration key 'b' must be of type 'array<object>'$/);
        assert.throws(() => mergeProjectConfig("s", p, new Map([...good, ["p:c", value("yes")]])), /must be of type 'boolean'$/);
    });

    it("PULUMI_CONFIG keys carry ':config:'; PULUMI_CONFIG_SECRET_KEYS lists the secure ones (main.go constructConfig)", () => {
        const env = configEnvironment(new Map([["p:a", value('{"x":"[secret]"}', true, true)], ["azure-native:location", value("westeurope")]]));
        assert.deepStrictEqual(JSON.parse(env.PULUMI_CONFIG), { "p:config:a": '{"x":"[secret]"}', "azure-native:config:location": "westeurope" });
        assert.deepStrictEqual(JSON.parse(env.PULUMI_CONFIG_SECRET_KEYS), ["p:a"]);
    });
});

describe("tools/engine: the language host's launch (pulumi-language-nodejs/main.go)", () => {
    it("dev: cmd/run from our node_modules, the host's arguments in order, typescript on, no tsconfig override", () => {
        const p = loadProject(ROOT);
        const config = mergeProjectConfig("dev", p, readStackConfig(p, path.join(ROOT, "Pulumi.dev.yaml")));
        const l = programLaunch(p, { stack: "dev", config, monitor: "127.0.0.1:1", engine: "127.0.0.1:2", preview: true, env: { PATH: "/bin" } });
        assert.deepStrictEqual(l.args, [
            path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js"),
            "--monitor", "127.0.0.1:1", "--engine", "127.0.0.1:2", "--project", "aks-ml-serving", "--root-directory", ROOT,
            "--stack", "dev", "--pwd", ROOT, "--dry-run", "--parallel", String(DEFAULT_PARALLEL), ".",
        ]);
        assert.strictEqual(l.pwd, ROOT);
        assert.strictEqual(l.env.PULUMI_NODEJS_TYPESCRIPT, "true");
        assert.strictEqual(l.env.PULUMI_NODEJS_TSCONFIG_PATH, undefined);
        assert.strictEqual(l.env.PATH, "/bin");
        assert.strictEqual(JSON.parse(l.env.PULUMI_CONFIG)["aks-ml-serving:config:cluster"], JSON.stringify(JSON.parse(JSON.parse(l.env.PULUMI_CONFIG)["aks-ml-serving:config:cluster"])));
        assert.ok(fs.existsSync(path.join(l.pwd, "tsconfig.json")), "cmd/run finds tsconfig.json in the working directory");
    });

    it("URNs as the engine makes them: the parent's qualified type, none under the root stack", () => {
        const stack = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
        const comp = newUrn("dev", "p", stack, "a:b:C", "c");
        assert.strictEqual(comp, "urn:pulumi:dev::p::a:b:C::c");
        assert.strictEqual(newUrn("dev", "p", newUrn("dev", "p", comp, "a:b:D", "d"), "x:y:Z", "z"), "urn:pulumi:dev::p::a:b:C$a:b:D$x:y:Z::z");
    });
});

// The programs, started as this file loads (test/helpers/background.ts). prod's is the end-to-end
// preview's run (test/helpers/e2e.ts), shared with test/tools/preview.spec.ts.
// The type error, transpile-only: the small git project's branch (test/helpers/gitProject.ts), which
// test/tools/diffGit.spec.ts diffs. Its control: the same program, type-checked, in a project of its own.
const CHECKED = TSCONFIG.replace(/"transpileOnly": true/, '"transpileOnly": false');
const runs = {
    prod: endToEnd().then((e) => e.run),
    transpiled: gitProject().then((g) => g.head),
    checked: background("engine type error, type-checked", () => runProgram({ root: projectDir("typechecked", { ...TINY_PROJECT, "index.ts": BRANCH_PROGRAM, "tsconfig.json": CHECKED }), stack: "s", preview: true })),
    plain: background("engine plain TLS", () => {
        const file = path.join(tmp, "Pulumi.plain.yaml");
        fs.writeFileSync(file, fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8") + "  aks-ml-serving:sslCertPem: |\n    -----BEGIN CERTIFICATE-----\n");
        return runProgram({ root: ROOT, stack: "dev", preview: true, configFile: file });
    }),
};

describe("tools/engine: programs run as the engine runs them", function () {
    this.timeout(180000);

    it("prod: registers every resource in preview (outputs unknown) with transpile-only start-up; the example's model files are found from the working directory", async () => {
        const run = await runs.prod;
        const types = new Set(run.records.map((r) => r.type));
        for (const t of ["pulumi:pulumi:Stack", "azure-native:containerservice:ManagedCluster", "azure-native:kubernetesconfiguration:Extension",
            "azure-native:machinelearningservices:Compute", "azure-native:machinelearningservices:OnlineEndpoint", "azure-native:machinelearningservices:OnlineDeployment"]) {
            assert.ok(types.has(t), `prod registers ${t}`);
        }
        const cluster = run.records.find((r) => r.type === "azure-native:containerservice:ManagedCluster")!;
        assert.match(cluster.urn, /^urn:pulumi:prod::aks-ml-serving::aks-ml:index:AksCluster\$azure-native:containerservice:ManagedCluster::/);
        assert.ok(!run.logs.some((l) => l.severity === "error"), JSON.stringify(run.logs));
        // examples/churn-prod/model-v3 and -v4, relative to the project root: the program runs there (no `main`).
        assert.ok(run.records.some((r) => r.type === "azure-native:storage:Blob" && /model/.test(r.name)), "the model's files are uploaded");
        // Stack outputs: what depends on a new resource is unknown in a preview; what config gives is known.
        assert.strictEqual(run.outputs.clusterId, UNKNOWN);
        assert.strictEqual(run.outputs.computeName, "aks-prod");
    });

    it("a type error does not stop the program (tsconfig's ts-node transpileOnly, found in the working directory)", async () => {
        const records = await runs.transpiled;
        assert.ok(records.some((r) => r.type === "t:index:Thing" && r.name === "thing-not a number"));
        // Control: the same program with type checking on is stopped by the type error.
        assert.notStrictEqual(CHECKED, TSCONFIG);
        await assert.rejects(runs.checked, (e: Error) => e instanceof ProgramFailure && /TS2322/.test(e.message + e.run.stderr));
    });

    it("TLS material in plain text in a stack file is refused, under the engine as offline", async () => {
        await assert.rejects(runs.plain, (e: Error) => e instanceof ProgramFailure && !e.crashed &&
            e.message === "aks-ml-serving:sslCertPem: TLS material must not be plain text in the stack file; remove it and run: pulumi config set --secret sslCertPem < cert.pem");
    });
});
