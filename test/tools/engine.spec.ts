// The engine's path (tools/engine): the CLI's project and config rules, the working directory that
// `main` implies, the language host's launch of cmd/run, and the program run against the gRPC monitor.
import { stackWith as stackFile } from "../helpers/stackFiles";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigTooLarge, prepareRun, ProgramFailure, runProgram } from "../../tools/engine";
import { stackProperties } from "../../tools/preview/policies";
import { syntheticEndpoints } from "../../tools/bench/synthetic";
import { ConfigMap, configEnvironment, configSizeProblem, MAX_ARG_STRLEN, mergeProjectConfig, readStackConfig } from "../../tools/engine/config";
import { DEFAULT_PARALLEL, DIY_ORGANIZATION, programLaunch } from "../../tools/engine/languageHost";
import { newUrn } from "../../tools/engine/monitor";
import { EngineError, loadProject, Project, pwdMain } from "../../tools/engine/project";
import { UNKNOWN } from "../../tools/lib/recorder";
import { preview } from "../../tools/preview/main";
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

/** A copy of Pulumi.<stack>.yaml under tmp, its config changed by `edit` (comments dropped). */
const stackWith = (stack: string, name: string, edit: (config: Record<string, any>) => void) => stackFile(tmp, stack, name, edit);
const devWith = (name: string, edit: (config: Record<string, any>) => void) => stackWith("dev", `Pulumi.${name}.yaml`, edit);

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
        assert.throws(() => mergeProjectConfig("dev", p, new Map()), (e: Error) => e instanceof EngineError && e.message === "validating stack config: Stack 'dev' with configuration key 'sslCertPem' must be encrypted as it's secret");
        const ok = mergeProjectConfig("dev", p, new Map([["p:sslCertPem", value("[secret]", true)]]));
        assert.strictEqual(ok.get("p:sslCertPem")?.secure, true);
    });

    it("required keys, declared types, arrays of items", () => {
        const p = project({ config: { a: { type: "object" }, b: { type: "array", items: { type: "object" } }, c: { type: "boolean", default: false } } });
        assert.throws(() => mergeProjectConfig("s", p, new Map()), { message: "validating stack config: Stack 's' is missing configuration values 'a' and 'b'" });
        const good = new Map([["p:a", value("{}", false, true)], ["p:b", value('[{"x":1}]', false, true)]]);
        assert.strictEqual(mergeProjectConfig("s", p, good).get("p:c")?.text, "false", "the default, as a plain value");
        assert.throws(() => mergeProjectConfig("s", p, new Map([...good, ["p:b", value("[1]", false, true)]])), { message: "validating stack config: Stack 's' with configuration key 'b' must be of type 'array<object>'" });
        assert.throws(() => mergeProjectConfig("s", p, new Map([...good, ["p:c", value("yes")]])), { message: "validating stack config: Stack 's' with configuration key 'c' must be of type 'boolean'" });
    });

    // The real CLI's output for each case (pulumi preview, v3.248.0, a copy of this project, stack dev).
    it("the CLI's refusals, byte for byte: 'validating stack config: ' (pkg/cmd/pulumi/operations/preview.go) before config.go's text", () => {
        const p = loadProject(ROOT);
        const refused = (file: string, message: string, proj = p) =>
            assert.throws(() => mergeProjectConfig("dev", proj, readStackConfig(proj, file)), (e: Error) => e instanceof EngineError && (e.message === message || assert.fail(e.message)));
        refused(devWith("noworkspace", (c) => delete c["aks-ml-serving:workspace"]), "validating stack config: Stack 'dev' is missing configuration value 'workspace'");
        refused(devWith("notwo", (c) => (delete c["aks-ml-serving:workspace"], delete c["aks-ml-serving:resourceGroup"])),
            "validating stack config: Stack 'dev' is missing configuration values 'resourceGroup' and 'workspace'");
        refused(devWith("maybe", (c) => (c["aks-ml-serving:protect"] = "maybe")), "validating stack config: Stack 'dev' with configuration key 'protect' must be of type 'boolean'");
        const declared = { ...p, config: { ...p.config, sslCertPem: { type: "string", secret: true } } };
        refused(devWith("plaincert", (c) => (c["aks-ml-serving:sslCertPem"] = "plain")),
            "validating stack config: Stack 'dev' with configuration key 'sslCertPem' must be encrypted as it's secret", declared);
    });

    it("a missing stack file is an empty config (loaders.go LoadProjectStack), also for --stack-file (pulumi preview --config-file)", () => {
        const missing = path.join(tmp, "Pulumi.none.yaml");
        assert.strictEqual(readStackConfig(loadProject(ROOT), missing).size, 0);
        assert.throws(() => prepareRun({ root: ROOT, stack: "dev", preview: true, configFile: missing }), (e: Error) => e instanceof EngineError &&
            (e.message === "validating stack config: Stack 'dev' is missing configuration values 'attachment', 'cluster', 'endpoints', 'resourceGroup' and 'workspace'" || assert.fail(e.message)));
        assert.ok(!fs.existsSync(missing), "nothing written (the CLI writes the passphrase's encryptionsalt there)");
        // A project that requires nothing runs with no stack file at all.
        const { "Pulumi.s.yaml": _stackFile, ...noStackFile } = TINY_PROJECT;
        assert.strictEqual(prepareRun({ root: projectDir("nostackfile", noStackFile), stack: "s", preview: true }).config.size, 0);
    });

    it("PULUMI_CONFIG keys carry ':config:'; PULUMI_CONFIG_SECRET_KEYS lists the secure ones (main.go constructConfig)", () => {
        const env = configEnvironment(new Map([["p:a", value('{"x":"[secret]"}', true, true)], ["azure-native:location", value("westeurope")]]));
        assert.deepStrictEqual(JSON.parse(env.PULUMI_CONFIG), { "p:config:a": '{"x":"[secret]"}', "azure-native:config:location": "westeurope" });
        assert.deepStrictEqual(JSON.parse(env.PULUMI_CONFIG_SECRET_KEYS), ["p:a"]);
    });
});

describe("tools/engine: PULUMI_CONFIG as the host builds it, and its size", () => {
    // The real CLI's PULUMI_CONFIG for this stack file (a program printing process.env.PULUMI_CONFIG under
    // pulumi preview): keys sorted, objects re-marshalled with sorted keys, <, >, &, U+2028 escaped (Go's json.Marshal).
    it("byte for byte what the real CLI passes (source_eval.go Config.Decrypt, main.go constructConfig)", () => {
        const file = path.join(tmp, "Pulumi.tiny.yaml");
        fs.writeFileSync(file, 'config:\n  tiny:zeta:\n    b: "<&>\u2028"\n    a: [3, 1.5, 1.0, 1e21, 0.0000001]\n  tiny:alpha: "x<y"\n  aaa:k: v\n');
        const env = configEnvironment(readStackConfig(project({ name: "tiny" }), file));
        assert.strictEqual(env.PULUMI_CONFIG,
            '{"aaa:config:k":"v","tiny:config:alpha":"x\\u003cy","tiny:config:zeta":"{\\"a\\":[3,1.5,1,1e+21,1e-7],\\"b\\":\\"\\\\u003c\\\\u0026\\\\u003e\\\\u2028\\"}"}');
    });

    it("the limit: one environment string of MAX_ARG_STRLEN bytes, \"PULUMI_CONFIG=\" and the NUL included", () => {
        assert.strictEqual(MAX_ARG_STRLEN, 131072);
        // {"p:config:x":"<n bytes>"} is n + 17 bytes; with "PULUMI_CONFIG=" (14) and the NUL, n + 32.
        const one = (n: number): ConfigMap => new Map([["p:x", value("x".repeat(n))]]);
        assert.strictEqual(configSizeProblem(one(131072 - 32)), undefined);
        assert.strictEqual(configSizeProblem(one(131072 - 31)), "PULUMI_CONFIG would be 131073 bytes, over Linux's limit of 131072 for one environment string (MAX_ARG_STRLEN), " +
            "so the program could not start; p:x takes 131056 of them: move endpoints into files (aks-ml-serving:endpointFiles)");
    });

    it("50 endpoints x 6 versions in prod are refused before the program starts; dev and prod are not", async () => {
        const p = loadProject(ROOT);
        for (const stack of ["dev", "prod"]) assert.strictEqual(configSizeProblem(prepareRun({ root: ROOT, stack, preview: true }).config), undefined, stack);
        const big = stackWith("prod", "Pulumi.big.yaml", (c) => (c["aks-ml-serving:endpoints"] = syntheticEndpoints(c["aks-ml-serving:endpoints"][0], 50, 6)));
        const message = "Pulumi.big.yaml: PULUMI_CONFIG would be 186130 bytes, over Linux's limit of 131072 for one environment string (MAX_ARG_STRLEN), " +
            "so the program could not start; aks-ml-serving:endpoints takes 184978 of them: move endpoints into files (aks-ml-serving:endpointFiles)";
        assert.throws(() => prepareRun({ root: ROOT, stack: "prod", preview: true, configFile: big }), (e: Error) => e instanceof ConfigTooLarge && e instanceof EngineError && (e.message === message || assert.fail(e.message)));
        assert.ok(configSizeProblem(mergeProjectConfig("prod", p, readStackConfig(p, big))));
        // The offline preview: exit 2, that one line (it died with "spawn E2BIG", exit 3).
        let err = "";
        const io = { out: () => undefined, err: (t: string) => void (err += t), tty: false, env: {} };
        assert.strictEqual(await preview(["--stack", "prod", "--stack-file", big, "--engine", "emulated"], io), 2);
        assert.strictEqual(err, `error: ${message}\n`);
    });
});

describe("tools/engine: the language host's launch (pulumi-language-nodejs/main.go)", () => {
    it("dev: cmd/run from our node_modules, the host's arguments in order, typescript on, no tsconfig override", () => {
        const p = loadProject(ROOT);
        const config = mergeProjectConfig("dev", p, readStackConfig(p, path.join(ROOT, "Pulumi.dev.yaml")));
        const l = programLaunch(p, { stack: "dev", config, monitor: "127.0.0.1:1", engine: "127.0.0.1:2", preview: true, env: { PATH: "/bin" }, organization: DIY_ORGANIZATION });
        assert.deepStrictEqual(l.args, [
            path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js"),
            "--monitor", "127.0.0.1:1", "--engine", "127.0.0.1:2", "--organization", "organization", "--project", "aks-ml-serving", "--root-directory", ROOT,
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
// `pulumi up`'s two runs: each appends its dry-run flag to RUNS_FILE and registers a Thing named after
// it; with t:failIn set to the run's mode, it throws there.
const UP_PROGRAM = `import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
const dry = pulumi.runtime.isDryRun();
fs.appendFileSync(process.env.RUNS_FILE!, \`\${dry}\\n\`);
if (new pulumi.Config().get("failIn") === (dry ? "preview" : "update")) throw new pulumi.RunError("failed in the " + (dry ? "preview" : "update"));
new pulumi.ComponentResource("t:index:Thing", dry ? "thing-preview" : "thing-update");
export const org = pulumi.getOrganization();
`;
const up = (name: string, stackFile: string) => {
    const root = projectDir(name, { ...TINY_PROJECT, "Pulumi.s.yaml": stackFile, "index.ts": UP_PROGRAM, "tsconfig.json": TSCONFIG });
    const file = path.join(root, "runs.txt");
    return { file, run: background(`engine up ${name}`, () => runProgram({ root, stack: "s", preview: false, env: { ...process.env, RUNS_FILE: file } })) };
};
const ups = { ok: up("up", "config: {}\n"), failing: up("upfails", "config:\n  t:failIn: preview\n") };

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

    it("prod: every custom resource through its provider, as the engine sends it: Check's inputs kept (what Analyze gets), Create's preview outputs (what AnalyzeStack gets)", async () => {
        const run = await runs.prod;
        const cluster = run.records.find((r) => r.type === "azure-native:containerservice:ManagedCluster")!;
        // Check (tools/standins/azureNative.ts, azure-native's applyDefaults): the API version the SDK pins is added.
        assert.strictEqual(cluster.raw.azureApiVersion, "2025-09-01"); // managedCluster.d.ts: "Uses Azure REST API version 2025-09-01"
        // Create in a preview: what the provider cannot know is unknown; an input that is also an output is copied.
        assert.strictEqual(cluster.state!.fqdn, UNKNOWN);
        assert.deepStrictEqual(cluster.state!.kubernetesVersion, cluster.raw.kubernetesVersion);
        assert.ok(!("resourceGroupName" in cluster.state!), "a path parameter is not an output (ARM's body does not carry it)");
        const suffix = run.records.find((r) => r.type === "random:index/randomString:RandomString")!;
        assert.strictEqual(suffix.state!.result, UNKNOWN, "random's result is unknown until up");
    });

    it("AnalyzeStack gets outputs, Analyze inputs (step_generator.go AnalyzeResources)", () => {
        const base = { urn: "u", type: "t:i:T", name: "n", parent: "", raw: { a: 1 }, inputs: { a: 1 }, dependencies: [], propertyDependencies: {}, provider: "",
            protect: false, ignoreChanges: [], replaceOnChanges: [], deleteBeforeReplace: false, retainOnDelete: false, deletedWith: "", aliases: [], additionalSecretOutputs: [], importId: "" };
        assert.deepStrictEqual(stackProperties({ ...base, custom: true, state: { a: 1, id: UNKNOWN } }, { a: 1 }), { a: 1, id: UNKNOWN });
        assert.deepStrictEqual(stackProperties({ ...base, custom: true }, { a: 1 }), { a: 1 }, "under the in-process mocks: no state, the inputs");
        assert.deepStrictEqual(stackProperties({ ...base, custom: false, outputs: { x: "y" } }, {}), { x: "y" }, "a component: its registered outputs");
    });

    it("a type error does not stop the program (tsconfig's ts-node transpileOnly, found in the working directory)", async () => {
        const records = await runs.transpiled;
        assert.ok(records.some((r) => r.type === "t:index:Thing" && r.name === "thing-not a number"));
        // Control: the same program with type checking on is stopped by the type error.
        assert.notStrictEqual(CHECKED, TSCONFIG);
        await assert.rejects(runs.checked, (e: Error) => e instanceof ProgramFailure && /TS2322/.test(e.message + e.run.stderr));
    });

    it("`pulumi up`: the preview runs, then the update (pkg/backend/apply.go PreviewThenPromptThenExecute); the update's records; a local backend's organization", async () => {
        const run = await ups.ok.run;
        assert.strictEqual(fs.readFileSync(ups.ok.file, "utf8"), "true\nfalse\n");
        assert.deepStrictEqual(run.records.filter((r) => r.type === "t:index:Thing").map((r) => r.name), ["thing-update"]);
        assert.strictEqual(run.outputs.org, "organization", "pkg/backend/diy/state.go: the target's Organization");
        await assert.rejects(ups.failing.run, (e: Error) => e instanceof ProgramFailure && e.message === "failed in the preview");
        assert.strictEqual(fs.readFileSync(ups.failing.file, "utf8"), "true\n", "a failed preview stops the update");
    });

    it("TLS material in plain text in a stack file is refused, under the engine as offline", async () => {
        await assert.rejects(runs.plain, (e: Error) => e instanceof ProgramFailure && !e.crashed &&
            e.message === "aks-ml-serving:sslCertPem: TLS material must not be plain text in the stack file; remove it and run: pulumi config set --secret sslCertPem < cert.pem");
    });
});
