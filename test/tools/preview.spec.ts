// The offline preview, run as a user runs it (a child process), plus its pure pieces.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { Recorded, UNKNOWN } from "../../tools/lib/recorder";
import { parseArgs } from "../../tools/preview/args";
import { inputsThatMatter } from "../../tools/preview/inputs";
import { mermaid } from "../../tools/preview/markdown";
import { buildTree, summarize } from "../../tools/preview/model";
import { reconcile } from "../../tools/preview/policies";

const ROOT = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "preview");
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "k" };

interface Result { code: number | null; stdout: string; stderr: string }

function preview(...args: string[]): Result {
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/preview.ts", ...args], {
        cwd: ROOT, encoding: "utf8", env: { ...process.env, AKSML_DEBUG: "" },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One line on stderr, naming the problem, and no stack trace. */
function assertOneLine(r: Result, ...parts: string[]): void {
    const lines = r.stderr.trim().split("\n");
    assert.strictEqual(lines.length, 1, `expected one line on stderr, got:\n${r.stderr}`);
    assert.ok(!/^\s+at /m.test(r.stderr), "no stack trace");
    for (const p of parts) assert.ok(lines[0].includes(p), `${JSON.stringify(lines[0])} should name ${JSON.stringify(p)}`);
    assert.strictEqual(r.stdout, "", "nothing on stdout");
}

let tmp: string;
/** Pulumi.<stack>.yaml with its config changed: tracks the real config, plants one thing. */
function stackWith(stack: string, name: string, change: (config: Record<string, any>) => void): string {
    const doc = YAML.parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"));
    change(doc.config);
    const file = path.join(tmp, name);
    fs.writeFileSync(file, YAML.stringify(doc));
    return file;
}
const devWith = (name: string, change: (cluster: Record<string, unknown>) => void) => stackWith("dev", name, (c) => change(c["aks-ml-serving:cluster"]));

describe("tools/preview (command line)", function () {
    this.timeout(120000);
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-preview-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("dev: exits 0 and shows the tree, the summary and the policy results", () => {
        const r = preview("--stack", "dev");
        assert.strictEqual(r.code, 0, r.stderr);
        assert.strictEqual(r.stderr, "", "no progress when stderr is not a terminal");
        assert.match(r.stdout, /^pulumi:pulumi:Stack {2}aks-ml-serving-dev$/m);
        assert.match(r.stdout, /[├└]─ azure-native:containerservice:ManagedCluster {2}aksml-dev-cluster-aks$/m);
        assert.match(r.stdout, /pools: system Standard_D2s_v5 x 2$/m);
        assert.match(r.stdout, /clusterPurpose: DevTest$/m);
        assert.match(r.stdout, /^ {2}vCPUs: \d+ \(aksml-dev: 4 vCPUs on 2 nodes/m);
        assert.match(r.stdout, /^Policies: pack aks-ml-serving \d+\.\d+\.\d+, \d+ policies$/m);
        assert.match(r.stdout, /^ {2}passed: 0 mandatory violations/m);
    });

    it("prod: exits 0 and shows the GPU pool, the authorized ranges and the vCPUs", () => {
        const r = preview("--stack", "prod");
        assert.strictEqual(r.code, 0, r.stderr);
        assert.match(r.stdout, /pools: system Standard_D4s_v5 x 3, gpu Standard_NC4as_T4_v3 x 1$/m);
        assert.match(r.stdout, /authorizedIPRanges: 203\.0\.113\.0\/24, 20\.38\.80\.0\/21, 13\.69\.64\.0\/22$/m);
        assert.match(r.stdout, /aksml-prod: 16 vCPUs on 4 nodes/);
        assert.match(r.stdout, /passed: 0 mandatory violations/);
    });

    describe("a planted violation: a public API server (allowed by config), the baseline made mandatory", () => {
        let file: string;
        before(() => (file = devWith("Pulumi.public.yaml", (c) => delete c.authorizedIpRanges)));

        it("is advisory by default: exit 0, named on the resource", () => {
            const r = preview("--stack", "dev", "--stack-file", file);
            assert.strictEqual(r.code, 0, r.stderr);
            assert.match(r.stdout, /⚠ advisory baseline-api-server-access$/m);
            assert.match(r.stdout, /advisory +baseline-api-server-access on aksml-dev-cluster-aks \(ManagedCluster\): the API server is public/);
        });

        it("with --policy-pack-config making it mandatory: exit 1, named", () => {
            const r = preview("--stack", "dev", "--stack-file", file, "--policy-pack-config", path.join(FIXTURES, "api-server-mandatory.json"));
            assert.strictEqual(r.code, 1, r.stderr + r.stdout);
            assert.match(r.stdout, /✖ mandatory baseline-api-server-access$/m);
            assert.match(r.stdout, /^ {2}FAILED: 1 mandatory violation/m);
        });

        it("json says the same to machines", () => {
            const r = preview("--stack", "dev", "--stack-file", file, "--policy-pack-config", path.join(FIXTURES, "api-server-mandatory.json"), "--format", "json");
            assert.strictEqual(r.code, 1);
            const j = JSON.parse(r.stdout);
            assert.strictEqual(j.passed, false);
            const f = j.policy.findings.find((x: any) => x.policy === "baseline-api-server-access");
            assert.strictEqual(f.level, "mandatory");
            assert.strictEqual(j.resources.find((x: any) => x.urn === f.urn).type, "azure-native:containerservice:ManagedCluster");
        });
    });

    it("secure: values (not decryptable offline) show as [secret], and the preview goes on", () => {
        const file = stackWith("prod", "Pulumi.tls.yaml", (c) => {
            const att = c["aks-ml-serving:attachment"];
            delete att.sslSecret;
            att.sslCname = "ml.example.com";
            c["aks-ml-serving:sslCertPem"] = { secure: "v1:CIPHERTEXTCERT" };
            c["aks-ml-serving:sslKeyPem"] = { secure: "v1:CIPHERTEXTKEY" };
        });
        const r = preview("--stack", "prod", "--stack-file", file);
        assert.strictEqual(r.code, 0, r.stderr);
        assert.match(r.stdout, /protectedSettings: \[secret\]$/m);
        assert.ok(!r.stdout.includes("CIPHERTEXT") && !r.stdout.includes(Buffer.from("[secret]").toString("base64")), "neither ciphertext nor an encoded placeholder");
    });

    it("--format json parses and holds resources, summary and policy results", () => {
        const r = preview("--stack", "prod", "--format", "json");
        assert.strictEqual(r.code, 0, r.stderr);
        const j = JSON.parse(r.stdout);
        assert.strictEqual(j.stack, "prod");
        assert.strictEqual(j.passed, true);
        const cluster = j.resources.find((x: any) => x.type === "azure-native:containerservice:ManagedCluster");
        assert.strictEqual(cluster.inputs.loadBalancerSku, "standard");
        assert.strictEqual(cluster.inputs.clusterPurpose, "FastProd");
        assert.ok(j.summary.totalVcpus >= 16);
        assert.ok(j.policy.policies.length > 0);
    });

    it("--format markdown is a PR comment with a mermaid graph", () => {
        const r = preview("--stack", "dev", "--format", "markdown");
        assert.strictEqual(r.code, 0, r.stderr);
        assert.ok(r.stdout.startsWith("<!-- aks-ml-serving offline preview: dev -->\n"));
        assert.match(r.stdout, /```mermaid\ngraph LR\n[\s\S]*AksCluster<br\/>aksml-dev-cluster[\s\S]*\n```/);
        assert.match(r.stdout, /<details><summary>Resource tree<\/summary>/);
    });

    it("an unknown stack: exit 2, one line listing the known stacks", () => {
        const r = preview("--stack", "nosuchstack");
        assert.strictEqual(r.code, 2);
        assertOneLine(r, `unknown stack "nosuchstack"`, "known stacks: dev, prod");
    });

    it("agentCount: three: exit 2, one line with the file and the key, no stack trace", () => {
        const r = preview("--stack", "dev", "--stack-file", devWith("Pulumi.three.yaml", (c) => (c.agentCount = "three")));
        assert.strictEqual(r.code, 2);
        assertOneLine(r, "Pulumi.three.yaml", `cluster.agentCount: expected a positive integer, got "three"`);
    });

    it("malformed YAML: exit 2, file:line", () => {
        const r = preview("--stack", "dev", "--stack-file", path.join(FIXTURES, "malformed.yaml"));
        assert.strictEqual(r.code, 2);
        assertOneLine(r, "malformed.yaml:7:", "malformed YAML");
    });

    it("a missing stack file: exit 2, one line", () => {
        const r = preview("--stack", "dev", "--stack-file", path.join(tmp, "Pulumi.none.yaml"));
        assert.strictEqual(r.code, 2);
        assertOneLine(r, "Pulumi.none.yaml: no such file");
    });

    it("a malformed policy pack config: exit 2, file:line", () => {
        const r = preview("--stack", "dev", "--policy-pack-config", path.join(FIXTURES, "bad-json.json"));
        assert.strictEqual(r.code, 2);
        assertOneLine(r, "bad-json.json:3:", "malformed JSON");
    });

    it("bad usage: exit 2, one line", () => {
        for (const args of [["--stack", "dev", "--format", "xml"], ["--stack"], [], ["--stack", "dev", "--bogus"]]) {
            const r = preview(...args);
            assert.strictEqual(r.code, 2, args.join(" "));
            assertOneLine(r);
        }
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

    it("mermaid: components and top-level resources, containment dotted, dependencies solid", () => {
        const rg = rec({ type: "azure-native:resources:ResourceGroup", name: "rg", parent: stack.urn });
        const epDep = rec({ ...ep, dependencies: [rg.urn] });
        const g = mermaid(buildTree([stack, comp, rg, epDep]));
        assert.strictEqual(g, [
            "graph LR",
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
        assert.strictEqual(parseArgs(["--format", "xml", "-h"]).help, true, "--help wins over a bad value");
    });
});
