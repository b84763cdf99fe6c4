// The offline preview: end to end (prod with the engine's deps, shared: test/helpers/e2e.ts), the
// command line's own process (tools/preview.ts) refusing a bad flag, every command line a user tries
// in process (tools/preview/main.ts with the program under the recording mocks and the test run's
// pack), and its pure pieces.
import { stackWith as stackFile } from "../helpers/stackFiles";
import { linkModules, TINY_PROJECT, TSCONFIG, writeFiles } from "../helpers/project";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Recorded, UNKNOWN } from "../../tools/lib/recorder";
import { parseArgs } from "../../tools/preview/args";
import { inputsThatMatter } from "../../tools/preview/inputs";
import { mermaid } from "../../tools/preview/markdown";
import { buildTree, summarize } from "../../tools/preview/model";
import { reconcile } from "../../tools/preview/policies";
import { background, exec, Exited } from "../helpers/background";
import { endToEnd } from "../helpers/e2e";
import { capturingIo, previewInProcess } from "../helpers/preview";
import { ENGINE, preview } from "../../tools/preview/main";
import { previewCommand } from "../../tools/bench/series";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "preview");
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "k" };

type Result = Exited;

/** One line on stderr, naming the problem, and no stack trace. */
function assertOneLine(r: Result, ...parts: string[]): void {
    const lines = r.stderr.trim().split("\n");
    assert.strictEqual(lines.length, 1, `expected one line on stderr, got:\n${r.stderr}`);
    assert.ok(!/^\s+at /m.test(r.stderr), "no stack trace");
    for (const p of parts) assert.ok(lines[0].includes(p), `${JSON.stringify(lines[0])} should name ${JSON.stringify(p)}`);
    assert.strictEqual(r.stdout, "", "nothing on stdout");
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-preview-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
/** Pulumi.<stack>.yaml with its config changed: tracks the real config, plants one thing. */
const stackWith = (stack: string, name: string, change: (config: Record<string, any>) => void) => stackFile(tmp, stack, name, change);

/** A tiny project for --program (its node_modules linked when `modules`). */
function writeProgram(name: string, modules: boolean): string {
    const dir = path.join(tmp, name);
    writeFiles(dir, { ...TINY_PROJECT, "tsconfig.json": TSCONFIG, "index.ts": "export const ok = true;\n" });
    return modules ? linkModules(dir) : dir;
}

/** A tiny project using a resource package we have no stand-in for (widgets 1.2.3), beside this project's modules. */
function genericProgram(): string {
    const dir = path.join(tmp, "generic");
    writeFiles(dir, {
        ...TINY_PROJECT, "tsconfig.json": TSCONFIG,
        "index.ts": 'import * as pulumi from "@pulumi/pulumi";\nexport const w = new pulumi.CustomResource("widgets:index:Widget", "w", { size: 3 }).urn;\n',
        "node_modules/@acme/widgets/package.json": JSON.stringify({ name: "@acme/widgets", version: "1.2.3", pulumi: { resource: true, name: "widgets", version: "1.2.3" } }),
    });
    for (const e of fs.readdirSync(path.join(ROOT, "node_modules"))) fs.symlinkSync(path.join(ROOT, "node_modules", e), path.join(dir, "node_modules", e));
    return dir;
}

// Started as this file loads: they run while the in-process specs do.
const e2e = endToEnd();
/** tools/preview.ts as `npm run preview` starts it (package.json's script, without npm). */
const PREVIEW = previewCommand(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
const previewProcess = (...argv: string[]) => exec(process.execPath, [...PREVIEW, ...argv], { cwd: ROOT, env: { ...process.env, AKSML_DEBUG: "" } });
// A bad flag is answered before main.ts loads; an unknown stack by main.ts, loaded by the process.
const refusedByTheProcess = background("preview --format xml", () => previewProcess("--stack", "dev", "--format", "xml"));
const refusedByMain = background("preview --stack nosuchstack", () => previewProcess("--stack", "nosuchstack"));

// A pack with a type error, compiled as the preview compiles it (tools/preview/policies.ts buildPack);
// lib es5 only, for a short compile.
const brokenPack = background("preview of a pack that does not compile", () => {
    const broken = writeFiles(path.join(tmp, "broken-pack"), {
        "package.json": '{"name": "broken", "version": "0.0.1", "main": "bin/index.js"}',
        "PulumiPolicy.yaml": "runtime: nodejs\n",
        "tsconfig.json": '{"compilerOptions": {"strict": true, "outDir": "bin", "types": [], "lib": ["es5"]}, "include": ["index.ts"]}',
        "index.ts": 'export const n: number = "not a number";\n',
    });
    return previewInProcess(["--stack", "dev", "--policy-pack", broken], { launchPack: undefined });
});

describe("tools/preview end to end (prod: its program by the engine's path, its own pack process)", function () {
    this.timeout(600000);
    let r: Awaited<typeof e2e>;
    let j: any;
    before(async () => {
        r = await e2e;
        assert.strictEqual(r.code, 0, r.stderr + r.stdout.slice(0, 2000));
        j = JSON.parse(r.stdout);
    });

    it("exits 0 with nothing on stderr (no progress when stderr is not a terminal); json on stdout, text in --full-text", () => {
        assert.strictEqual(r.code, 0);
        assert.strictEqual(r.stderr, "");
        assert.strictEqual(j.stack, "prod");
        assert.strictEqual(j.passed, true);
        assert.match(r.fullText, /^pulumi:pulumi:Stack {2}aks-ml-serving-prod$/m);
    });

    it("the program ran by the engine's path: every kind of resource, URNs under their components", () => {
        const types = new Set(j.resources.map((x: any) => x.type));
        for (const t of ["azure-native:containerservice:ManagedCluster", "azure-native:kubernetesconfiguration:Extension", "azure-native:machinelearningservices:Compute",
            "azure-native:machinelearningservices:OnlineEndpoint", "azure-native:machinelearningservices:OnlineDeployment", "azure-native:storage:Blob"]) {
            assert.ok(types.has(t), `prod registers ${t}`);
        }
        const cluster = j.resources.find((x: any) => x.type === "azure-native:containerservice:ManagedCluster");
        assert.match(cluster.urn, /^urn:pulumi:prod::aks-ml-serving::aks-ml:index:AksCluster\$azure-native:containerservice:ManagedCluster::/);
        assert.strictEqual(cluster.inputs.loadBalancerSku, "standard");
        assert.strictEqual(cluster.inputs.clusterPurpose, "FastProd");
    });

    it("shows the GPU pool, the authorized ranges, the vCPUs and the policy verdict", () => {
        assert.match(r.fullText, /pools: system Standard_D4s_v5 x 3, gpu Standard_NC4as_T4_v3 x 1$/m);
        assert.match(r.fullText, /authorizedIPRanges: 203\.0\.113\.0\/24, 20\.38\.80\.0\/21, 13\.69\.64\.0\/22$/m);
        assert.match(r.fullText, /aksml-prod: 16 vCPUs on 4 nodes/);
        assert.match(r.fullText, /^Policies: pack aks-ml-serving \d+\.\d+\.\d+, \d+ policies$/m);
        assert.match(r.fullText, /passed: 0 mandatory violations/);
        assert.ok(j.summary.totalVcpus >= 16);
        assert.ok(j.policy.policies.length > 0);
        for (const f of j.policy.findings) {
            assert.ok(["advisory", "mandatory", "remediate"].includes(f.level), f.level);
            if (f.scope === "resource") assert.ok(j.resources.some((x: any) => x.urn === f.urn), f.urn);
        }
    });

    it("secure: values (not decryptable offline) show as [secret], and the preview goes on", () => {
        assert.match(r.fullText, /protectedSettings: \[secret\]$/m);
        for (const out of [r.stdout, r.fullText]) {
            assert.ok(!out.includes("REPLACE-WITH") && !out.includes(Buffer.from("[secret]").toString("base64")), "neither ciphertext nor an encoded placeholder");
        }
    });

    it("the command line's process (tools/preview.ts): a bad flag is refused with exit 2, one line, no stack trace", async () => {
        const u = await refusedByTheProcess;
        assert.strictEqual(u.code, 2);
        assertOneLine(u, "--format");
    });

    it("the command line's process loads the preview's main for the rest: an unknown stack, exit 2, one line", async () => {
        const u = await refusedByMain;
        assert.strictEqual(u.code, 2);
        assertOneLine(u, `unknown stack "nosuchstack"`, "known stacks: dev, prod", "(see --help)");
    });
});

describe("tools/preview (the command lines a user tries, in process)", function () {
    this.timeout(600000);
    const mandatory = ["--policy-pack-config", path.join(FIXTURES, "api-server-mandatory.json")];
    const three = () => stackWith("dev", "Pulumi.three.yaml", (c) => (c["aks-ml-serving:cluster"].agentCount = "three"));
    let r: Record<string, Result>;
    before(async () => {
        const commands: Record<string, string[]> = {
            dev: ["--stack", "dev"],
            mandatory: ["--stack", "dev", ...mandatory],
            prodJson: ["--stack", "prod", "--format", "json", "--full-text", path.join(tmp, "prod.txt")], // and prod's text
            devMarkdown: ["--stack", "dev", "--format", "markdown"],
            unknownStack: ["--stack", "nosuchstack"],
            three: ["--stack", "dev", "--stack-file", three()],
            typed: ["--stack", "dev", "--stack-file", stackWith("dev", "Pulumi.typed.yaml", (c) => (c["aks-ml-serving:cluster"] = "aksml-dev"))],
            plain: ["--stack", "dev", "--stack-file", stackWith("dev", "Pulumi.plain.yaml", (c) => (c["aks-ml-serving:sslKeyPem"] = "-----BEGIN PRIVATE KEY-----"))],
            malformed: ["--stack", "dev", "--stack-file", path.join(FIXTURES, "malformed.yaml")],
            missing: ["--stack", "dev", "--stack-file", path.join(tmp, "Pulumi.none.yaml")],
            badPolicyConfig: ["--stack", "dev", "--policy-pack-config", path.join(FIXTURES, "bad-json.json")],
            usage1: ["--stack", "dev", "--format", "xml"],
            usage2: ["--stack"],
            usage3: [],
            usage4: ["--stack", "dev", "--bogus"],
            usage5: ["--stack", "dev", "--format", "x\ny"], // a newline in a value stays on the line, escaped
            noProject: ["--stack", "dev", "--program", tmp],
            noModules: ["--stack", "s", "--program", writeProgram("nomodules", false)],
            programBase: ["--stack", "s", "--program", writeProgram("withbase", true), "--base", "HEAD"],
            programStack: ["--stack", "nosuch", "--program", writeProgram("nostack", true)],
        };
        r = {};
        for (const [k, argv] of Object.entries(commands)) r[k] = await previewInProcess(argv);
        r.brokenPack = await brokenPack;
    });
    it("dev: exits 0 and shows the tree, the summary and the policy results", () => {
        assert.strictEqual(r.dev.code, 0, r.dev.stderr);
        assert.strictEqual(r.dev.stderr, "", "no progress when stderr is not a terminal");
        assert.match(r.dev.stdout, /^pulumi:pulumi:Stack {2}aks-ml-serving-dev$/m);
        assert.match(r.dev.stdout, /[├└]─ azure-native:containerservice:ManagedCluster {2}aksml-dev-cluster-aks$/m);
        assert.match(r.dev.stdout, /pools: system Standard_D2s_v5 x 2$/m);
        assert.match(r.dev.stdout, /clusterPurpose: DevTest$/m);
        assert.match(r.dev.stdout, /^ {2}vCPUs: \d+ \(aksml-dev: 4 vCPUs on 2 nodes/m);
        assert.match(r.dev.stdout, /^Policies: pack aks-ml-serving \d+\.\d+\.\d+, \d+ policies$/m);
        assert.match(r.dev.stdout, /^ {2}passed: 0 mandatory violations/m);
    });

    it("prod: exits 0 and shows the GPU pool, the authorized ranges and the vCPUs (the text of --full-text)", () => {
        assert.strictEqual(r.prodJson.code, 0, r.prodJson.stderr);
        const text = fs.readFileSync(path.join(tmp, "prod.txt"), "utf8");
        assert.match(text, /pools: system Standard_D4s_v5 x 3, gpu Standard_NC4as_T4_v3 x 1$/m);
        assert.match(text, /authorizedIPRanges: 203\.0\.113\.0\/24, 20\.38\.80\.0\/21, 13\.69\.64\.0\/22$/m);
        assert.match(text, /aksml-prod: 16 vCPUs on 4 nodes/);
        assert.match(text, /passed: 0 mandatory violations/);
    });

    describe("a planted violation: dev's public API server (allowed by config), the baseline made mandatory", () => {
        it("is advisory by default: exit 0, named on the resource", () => {
            assert.strictEqual(r.dev.code, 0, r.dev.stderr);
            assert.match(r.dev.stdout, /⚠ advisory baseline-api-server-access$/m);
            assert.match(r.dev.stdout, /advisory +baseline-api-server-access on aksml-dev-cluster-aks \(ManagedCluster\): the API server is public/);
        });

        it("with --policy-pack-config making it mandatory: exit 1, named", () => {
            assert.strictEqual(r.mandatory.code, 1, r.mandatory.stderr + r.mandatory.stdout);
            assert.match(r.mandatory.stdout, /✖ mandatory baseline-api-server-access$/m);
            assert.match(r.mandatory.stdout, /^ {2}FAILED: 1 mandatory violation/m);
        });

        it("json says the same to machines: every finding has a level and names a resource by URN", () => {
            const j = JSON.parse(r.prodJson.stdout);
            for (const f of j.policy.findings) {
                assert.ok(["advisory", "mandatory", "remediate"].includes(f.level), f.level);
                if (f.scope === "resource") assert.ok(j.resources.some((x: any) => x.urn === f.urn), f.urn);
            }
        });
    });

    it("--format json parses and holds resources, summary and policy results", () => {
        assert.strictEqual(r.prodJson.code, 0, r.prodJson.stderr);
        const j = JSON.parse(r.prodJson.stdout);
        assert.strictEqual(j.stack, "prod");
        assert.strictEqual(j.passed, true);
        const cluster = j.resources.find((x: any) => x.type === "azure-native:containerservice:ManagedCluster");
        assert.strictEqual(cluster.inputs.loadBalancerSku, "standard");
        assert.strictEqual(cluster.inputs.clusterPurpose, "FastProd");
        assert.ok(j.summary.totalVcpus >= 16);
        assert.ok(j.policy.policies.length > 0);
    });

    it("--format markdown is a PR comment with a mermaid graph", () => {
        assert.strictEqual(r.devMarkdown.code, 0, r.devMarkdown.stderr);
        assert.ok(r.devMarkdown.stdout.startsWith("<!-- aks-ml-serving offline preview: dev -->\n"));
        assert.match(r.devMarkdown.stdout, /```mermaid\ngraph TD\n[\s\S]*AksCluster<br\/>aksml-dev-cluster[\s\S]*\n```/);
        assert.match(r.devMarkdown.stdout, /^<details><summary>AksCluster aksml-dev-cluster: \d+ resources?/m);
    });

    it("an unknown stack: exit 2, one line listing the known stacks", () => {
        assert.strictEqual(r.unknownStack.code, 2);
        assertOneLine(r.unknownStack, `unknown stack "nosuchstack"`, "known stacks: dev, prod");
    });

    it("agentCount: three: exit 2, one line with the file, line and column, and the key, no stack trace", () => {
        assert.strictEqual(r.three.code, 2);
        assertOneLine(r.three, "Pulumi.three.yaml", `cluster.agentCount: expected a positive integer, got "three"`);
        assert.match(r.three.stderr, /Pulumi\.three\.yaml:\d+:\d+: cluster\.agentCount: /, "file:line:col of the value");
    });

    it("a value the CLI refuses (declared type in Pulumi.yaml): exit 2, the CLI's own message", () => {
        assert.strictEqual(r.typed.code, 2);
        assertOneLine(r.typed, "error: validating stack config: Stack 'dev' with configuration key 'cluster' must be of type 'object'");
    });

    it("TLS material in plain text: exit 2, one line saying how to set it as a secret", () => {
        assert.strictEqual(r.plain.code, 2);
        assert.match(r.plain.stderr, /Pulumi\.plain\.yaml:\d+:\d+: /, "file:line:col of the value");
        assertOneLine(r.plain, "aks-ml-serving:sslKeyPem: TLS material must not be plain text in the stack file; remove it and run: pulumi config set --secret sslKeyPem < key.pem");
    });

    it("malformed YAML: exit 2, file:line", () => {
        assert.strictEqual(r.malformed.code, 2);
        assertOneLine(r.malformed, "malformed.yaml:7:", "malformed YAML");
    });

    it("a missing stack file is an empty config, as for pulumi preview --config-file: exit 2, the CLI's one line", () => {
        assert.strictEqual(r.missing.code, 2);
        assert.strictEqual(r.missing.stderr, "error: validating stack config: Stack 'dev' is missing configuration values 'attachment', 'cluster', 'endpoints', 'resourceGroup' and 'workspace'\n");
    });

    it("--program mistakes: exit 2, one line each, before anything runs", () => {
        for (const k of ["noProject", "noModules", "programBase", "programStack"]) assert.strictEqual(r[k].code, 2, `${k}: ${r[k].stderr}`);
        assertOneLine(r.noProject, `--program ${tmp}: no Pulumi.yaml there`);
        assertOneLine(r.noModules, "its dependencies are not installed (no node_modules/@pulumi/pulumi): run npm ci (or npm install) there first");
        assertOneLine(r.programBase, "--base and --program: a diff runs on this project only");
        assertOneLine(r.programStack, `unknown stack "nosuch" in `, "known stacks: s");
    });

    it("--program with a package no stand-in serves: the generic echo stand-in, named in the engine line (the engine's path)", async () => {
        // Another program runs as the engine runs it (the in-process mocks are this project's).
        const io = capturingIo();
        const generic = io.written(await preview(["--stack", "s", "--program", genericProgram(), "--format", "json", "--engine", "emulated"], io, { ...ENGINE, findCli: () => undefined }));
        assert.strictEqual(generic.code, 0, generic.stderr);
        const out = JSON.parse(generic.stdout);
        assert.strictEqual(out.engine.label, "the emulated engine (tools/engine; no Pulumi CLI); the generic echo stand-in for widgets 1.2.3 (no stand-in of its own: inputs echoed as outputs, invokes refused)");
        assert.deepStrictEqual(out.resources.find((x: any) => x.type === "widgets:index:Widget").allInputs, { size: 3 });
    });

    it("a malformed policy pack config: exit 2, file:line", () => {
        assert.strictEqual(r.badPolicyConfig.code, 2);
        assertOneLine(r.badPolicyConfig, "bad-json.json:3:", "malformed JSON");
    });

    it("a policy pack that does not compile: exit 3, one line with the compiler's first error", () => {
        assert.strictEqual(r.brokenPack.code, 3, r.brokenPack.stderr);
        assertOneLine(r.brokenPack, "error: the policy pack in ", "broken-pack does not compile: ", "broken-pack/index.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.");
    });

    it("bad usage: exit 2, one line", () => {
        for (const k of ["usage1", "usage2", "usage3", "usage4", "usage5"]) {
            assert.strictEqual(r[k].code, 2, k);
            assertOneLine(r[k]);
        }
        assert.strictEqual(r.usage5.stderr, 'error: --format: expected one of text, markdown, json, got "x\\ny" (see --help)\n');
    });
});

const rec = (over: Partial<Recorded> & Pick<Recorded, "type" | "name">): Recorded => ({
    urn: `urn:pulumi:s::p::${over.type}::${over.name}`, custom: true, parent: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", raw: {}, inputs: {},
    dependencies: [], propertyDependencies: {}, provider: "", protect: false, ignoreChanges: [], replaceOnChanges: [],
    deleteBeforeReplace: false, retainOnDelete: false, deletedWith: "", aliases: [], additionalSecretOutputs: [], importId: "", ...over,
});

describe("tools/preview (pieces)", () => {
    const EP = "azure-native:machinelearningservices:OnlineEndpoint";
    const DEP = "azure-native:machinelearningservices:OnlineDeployment";
    const stack = rec({ type: "pulumi:pulumi:Stack", name: "p-s", custom: false, parent: "", urn: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s" });
    const comp = rec({ type: "aks-ml:index:ModelEndpoint", name: "churn", custom: false });
    const ep = rec({ type: EP, name: "churn-ep", parent: comp.urn, raw: { endpointName: "churn", properties: { authMode: "Key", traffic: {} } } });
    ep.inputs = ep.raw;
    const deps = ["blue", "green"].map((v) => rec({
        type: DEP, name: `churn-${v}`, parent: comp.urn, raw: { endpointName: UNKNOWN, deploymentName: v, properties: { instanceType: "gpu" }, tags: { isDefault: String(v === "blue") } },
        propertyDependencies: { endpointName: [ep.urn] }, dependencies: [ep.urn],
    }));
    deps.forEach((d) => (d.inputs = d.raw));
    const applier = rec({ type: "aks-ml:index:TrafficApplier", name: "churn-traffic", parent: comp.urn, raw: { endpointName: "churn", traffic: { blue: 90, green: 10 } }, dependencies: deps.map((d) => d.urn) });
    applier.inputs = applier.raw;

    it("endpoints: traffic from the applier, deployments by property dependency", () => {
        const s = summarize([stack, comp, ep, ...deps, applier]);
        assert.deepStrictEqual(s.endpoints, [{
            name: "churn", authMode: "Key", traffic: { blue: 90, green: 10 },
            deployments: [{ name: "blue", instanceType: "gpu", versionType: undefined, isDefault: "true" }, { name: "green", instanceType: "gpu", versionType: undefined, isDefault: "false" }],
        }]);
        assert.deepStrictEqual(s.counts.map((c) => c.type), ["aks-ml:index:ModelEndpoint", "aks-ml:index:TrafficApplier", DEP, EP]);
    });

    it("endpoints: traffic from an ARM template deployment (ModelEndpoint's applier), shown on it too", () => {
        const arm = rec({ type: "azure-native:resources:Deployment", name: "churn-traffic", parent: comp.urn, dependencies: [ep.urn, ...deps.map((d) => d.urn)], raw: {
            deploymentName: "churn-traffic",
            properties: { mode: "Incremental", parameters: { endpointName: { value: "churn" }, properties: { value: { authMode: "Key", traffic: { blue: 70, green: 30 } } } } },
        } });
        arm.inputs = arm.raw;
        assert.deepStrictEqual(summarize([stack, comp, ep, ...deps, arm]).endpoints[0].traffic, { blue: 70, green: 30 });
        assert.deepStrictEqual(inputsThatMatter(arm.type, arm.raw), [["sets traffic of", "churn"], ["traffic", "blue=70, green=30"]]);
        const other = rec({ ...arm, raw: { properties: { parameters: { endpointName: { value: "other" }, properties: { value: { traffic: { x: 100 } } } } } }, dependencies: [] });
        assert.deepStrictEqual(summarize([stack, comp, ep, other]).endpoints[0].traffic, {}, "another endpoint's applier is not this one's");
    });

    it("endpoints: the endpoint's own traffic when no applier; unknown values are (computed)", () => {
        const own = rec({ ...ep, raw: { endpointName: "churn", properties: { authMode: UNKNOWN, traffic: { blue: UNKNOWN } } } });
        own.inputs = own.raw;
        assert.deepStrictEqual(summarize([stack, own]).endpoints[0], { name: "churn", authMode: "(computed)", traffic: { blue: "(computed)" }, deployments: [] });
    });

    it("vCPUs: guaranteed nodes x catalog vCPUs; autoscaling counts minCount; unknown sizes are named", () => {
        const cluster = rec({ type: "azure-native:containerservice:ManagedCluster", name: "aks", raw: { agentPoolProfiles: [
            { name: "system", vmSize: "Standard_D4s_v5", count: 3 },
            { name: "gpu", vmSize: "Standard_NC6s_v3", enableAutoScaling: true, minCount: 1, maxCount: 4 },
            { name: "odd", vmSize: "Standard_X9", count: 2 },
        ] } });
        const s = summarize([stack, cluster], { Standard_X9: 9 });
        assert.deepStrictEqual(s.clusters[0], { name: "aks", pools: "system Standard_D4s_v5 x 3, gpu Standard_NC6s_v3 x 1..4, odd Standard_X9 x 2", vcpus: 12 + 6 + 18, nodes: 6, unknownSizes: [] });
        assert.deepStrictEqual(summarize([stack, cluster]).clusters[0].unknownSizes, ["Standard_X9"]);
        const existing = summarize([stack, rec({ type: cluster.type, name: "ext", read: true })]).clusters;
        assert.deepStrictEqual(existing, [{ name: "ext", pools: "", vcpus: 0, nodes: 0, unknownSizes: [], existing: true }]);
    });

    it("inputs that matter: secrets as [secret], unknowns as (computed), unset left out", () => {
        const got = inputsThatMatter("azure-native:kubernetesconfiguration:Extension", {
            extensionType: "Microsoft.AzureML.Kubernetes", configurationSettings: { clusterPurpose: SECRET, inferenceRouterServiceType: UNKNOWN },
        });
        assert.deepStrictEqual(got, [["extensionType", "Microsoft.AzureML.Kubernetes"], ["clusterPurpose", "[secret]"], ["inferenceRouterServiceType", "(computed)"]]);
        assert.deepStrictEqual(inputsThatMatter("azure-native:machinelearningservices:Compute", { computeName: "aks-dev", properties: { computeType: "Kubernetes", properties: { instanceTypes: { cpu: {}, gpu: {} } } } }),
            [["computeName", "aks-dev"], ["computeType", "Kubernetes"], ["instanceTypes", "cpu, gpu"]]);
    });

    it("mermaid: top-level components and resources, top-down, dependencies as arrows", () => {
        const rg = rec({ type: "azure-native:resources:ResourceGroup", name: "rg", parent: stack.urn });
        const epDep = rec({ ...ep, dependencies: [rg.urn] });
        const g = mermaid(buildTree([stack, comp, rg, epDep]));
        assert.strictEqual(g, [
            "graph TD",
            "  n0([\"ModelEndpoint<br/>churn\"])",
            "  n1[\"ResourceGroup<br/>rg\"]",
            "  n1 --> n0",
        ].join("\n"));
    });

    it("policy config: schema defaults, then all, then each policy; unknown names are refused", () => {
        const info = { name: "pack", version: "1.0.0", supportsConfig: true, policies: [
            { name: "a", description: "", enforcementLevel: "advisory" as const, severity: 0, remediationSteps: "", url: "", configSchema: { ranges: { type: "array", default: [] } } },
            { name: "b", description: "", enforcementLevel: "mandatory" as const, severity: 0, remediationSteps: "", url: "" },
        ] };
        assert.deepStrictEqual(reconcile(info, {}), { a: { ranges: [], enforcementLevel: "advisory" }, b: { enforcementLevel: "mandatory" } });
        assert.deepStrictEqual(reconcile(info, { all: "disabled", a: { ranges: ["10.0.0.0/8"] }, b: "advisory" }),
            { a: { ranges: ["10.0.0.0/8"], enforcementLevel: "disabled" }, b: { enforcementLevel: "advisory" } });
        assert.throws(() => reconcile(info, { c: "mandatory" }, "cfg.json"), /^Error: cfg\.json: unknown policy "c"; the pack pack has: a, b$/);
        assert.throws(() => reconcile(info, { a: { rangez: [] } }, "cfg.json"), /cfg\.json: a\.rangez: unknown setting; a has: ranges/);
    });

    it("args: --x=value and --x value; a flag without a value is refused", () => {
        assert.deepStrictEqual(parseArgs(["--stack=dev", "--format", "json"]), { stack: "dev", format: "json", stackFile: undefined, policyPack: "policy", policyPackConfig: undefined, help: false });
        assert.throws(() => parseArgs(["--stack", "--format", "json"]), /--stack needs a value/);
        assert.throws(() => parseArgs(["--stack", "dev", "--stack", "prod"]), /--stack is given twice/);
        assert.throws(() => parseArgs(["--stack", "dev", "prod"]), /unexpected argument "prod"/);
        // What the user typed is shown on one line: quoted and escaped when it holds spaces or control characters.
        assert.throws(() => parseArgs(["--stack", "dev", "--bo\ngus"]), (e: Error) => e.message === 'unknown option "--bo\\ngus"');
        assert.throws(() => parseArgs(["--stack", "dev", "--bogus"]), (e: Error) => e.message === "unknown option --bogus");
        assert.throws(() => parseArgs(["--stack", "dev", "a\tb"]), (e: Error) => e.message === 'unexpected argument "a\\tb"');
        assert.strictEqual(parseArgs(["--format", "xml", "-h"]).help, true, "--help wins over a bad value");
    });
});
