import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { checkNamespaces, loadConfig, parseConfig, RawConfig } from "../../infra/config";
import { record } from "../../tools/lib/recorder";
import { readStackFile, stackFile } from "../../tools/lib/stackConfig";
import { loadStack } from "../../tools/lib/stackRun";

const values = {
    resourceGroup: { name: "rg-x" },
    cluster: { name: "aksml", clusterPurpose: "DevTest", agentCount: 1 },
    workspace: { name: "mlw-x" },
    attachment: { computeName: "aks-x", allowInsecureConnections: true },
};
const raw = (patch: Partial<RawConfig> = {}, extra: Record<string, unknown> = {}): RawConfig =>
    ({ stack: "t", location: "westeurope", values: { ...values, ...extra }, secrets: {}, ...patch });

describe("stack config", () => {
    it("the shipped stacks parse", () => {
        const dev = loadStack("dev");
        const prod = loadStack("prod");
        assert.strictEqual(dev.cluster.purpose, "DevTest");
        assert.strictEqual(prod.cluster.purpose, "FastProd");
        assert.deepStrictEqual([dev.protect, prod.protect], [false, true]);
        assert.strictEqual(prod.location, "westeurope");
        assert.deepStrictEqual(prod.endpoints.map((e) => [e.name, e.versions.map((v) => v.versionName)]), [["churn-prod", ["churn-v3", "churn-v4"]]]);
    });

    it("endpoints may use the instance types the attachment defines: the default, one per accelerator pool, declared ones", () => {
        const version = (instanceType: string) => [{ name: "ep1", versions: [{ versionName: "blue", model: "azureml:m:1", instanceType }] }];
        assert.doesNotThrow(() => parseConfig(raw({}, { endpoints: version("defaultinstancetype") })));
        assert.throws(() => parseConfig(raw({}, { endpoints: version("gpu") })),
            { message: 'endpoints[0].versions[0].instanceType: expected one of defaultinstancetype, got "gpu"' });
        const gpuCluster = { name: "aksml", clusterPurpose: "DevTest", agentCount: 1, acceleratorPools: [{ name: "gpu", kind: "gpu", vmSize: "Standard_NC4as_T4_v3" }] };
        assert.doesNotThrow(() => parseConfig(raw({}, { cluster: gpuCluster, endpoints: version("gpu") })));
    });

    it("rejects unknown top-level keys: the closest allowed one, else the list", () => {
        assert.throws(() => parseConfig(raw({}, { clusters: {} })),
            { message: "aks-ml-serving:clusters: unknown key; did you mean cluster?" });
        assert.throws(() => parseConfig(raw({}, { nodes: {} })),
            { message: "aks-ml-serving:nodes: unknown key; allowed keys: attachment, cluster, endpoints, protect, resourceGroup, sslCertPem, sslKeyPem, workspace" });
    });

    it("refuses a key in a namespace nobody reads (a typo would silently drop the key it meant)", () => {
        assert.throws(() => checkNamespaces(["azure-native:location", "aks-ml-servng:endpoints"]), {
            message: 'aks-ml-servng:endpoints: unknown namespace "aks-ml-servng"; did you mean aks-ml-serving:endpoints? keys are aks-ml-serving:<key> or a provider\'s (azure-native, random, pulumi)',
        });
        assert.throws(() => checkNamespaces(["aws:region"]), /^ConfigError: aws:region: unknown namespace "aws"; keys are aks-ml-serving:<key>/);
        assert.doesNotThrow(() => checkNamespaces(["aks-ml-serving:cluster", "cluster", "pulumi:tags", "random:x"]));
        assert.throws(() => checkNamespaces(["kubernetes:context"]), /unknown namespace "kubernetes"/, "the program no longer uses the Kubernetes provider");
    });

    it("requires the location and the resource group name", () => {
        assert.throws(() => parseConfig(raw({ location: undefined })),
            { message: "azure-native:location: is required, e.g. westeurope (pulumi config set azure-native:location westeurope)" });
        assert.throws(() => parseConfig(raw({}, { resourceGroup: {} })), { message: "resourceGroup.name: is required" });
        assert.throws(() => parseConfig(raw({}, { protect: "yes" })), { message: 'protect: expected true or false, got "yes"' });
        assert.throws(() => parseConfig(raw({}, { resourceGroup: { name: "rg-x", craete: false } })), { message: "resourceGroup.craete: unknown key; did you mean create?" });
        assert.deepStrictEqual([parseConfig(raw({}, { resourceGroup: { name: "rg-x", create: null } })).resourceGroup.create, parseConfig(raw()).protect], [true, false]);
    });

    it("TLS material comes in pairs and stays secret", async () => {
        assert.throws(() => parseConfig(raw({ secrets: { sslCertPem: pulumi.output("c") } })),
            { message: "aks-ml-serving:sslKeyPem: sslCertPem and sslKeyPem go together: set both (as secrets) or neither" });
        const attachment = { computeName: "aks-x", sslCname: "ml.example.com" };
        const cfg = parseConfig(raw({ secrets: { sslCertPem: pulumi.output("c"), sslKeyPem: pulumi.output("k") } }, { attachment }));
        assert.ok(cfg.tls);
        assert.strictEqual(await pulumi.isSecret(cfg.tls.keyPem), true);
        assert.strictEqual(await pulumi.isSecret(cfg.tls.certPem), true);
    });

    // Under in-process mocks and the Automation API's inline programs the config comes from
    // pulumi.runtime.setAllConfig(config, secretKeys), not from the environment.
    it("loadConfig takes secret keys from the SDK's store (setAllConfig), not from PULUMI_CONFIG_SECRET_KEYS", async () => {
        const prod = Object.fromEntries(Object.entries(readStackFile(stackFile("prod"))).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
        const tls = { "aks-ml-serving:sslCertPem": "-----BEGIN CERTIFICATE-----", "aks-ml-serving:sslKeyPem": "-----BEGIN PRIVATE KEY-----" };
        let loaded: ReturnType<typeof loadConfig> | undefined;
        const load = (secretKeys: string[]) => record(() => {
            pulumi.runtime.setAllConfig({ ...prod, ...tls }, secretKeys);
            try {
                loaded = loadConfig();
            } finally {
                pulumi.runtime.setAllConfig({}, []);
            }
        }, { preview: true, stack: "prod" });
        assert.strictEqual(process.env.PULUMI_CONFIG_SECRET_KEYS, undefined);
        await load(Object.keys(tls));
        assert.ok(loaded?.tls);
        assert.deepStrictEqual([await pulumi.isSecret(loaded.tls.certPem), await pulumi.isSecret(loaded.tls.keyPem)], [true, true]);
        await assert.rejects(load(["aks-ml-serving:sslKeyPem"]), { message: "aks-ml-serving:sslCertPem: TLS material must not be plain text in the stack file; remove it and run: pulumi config set --secret sslCertPem < cert.pem" });
    });

    it("a config error is a RunError: the CLI prints it as one line without a stack trace", () => {
        assert.throws(() => parseConfig(raw({}, { cluster: { name: "aksml", agentCount: "three" } })), (e: Error) => {
            assert.ok(pulumi.RunError.isInstance(e));
            return e.message === 'cluster.agentCount: expected a positive integer, got "three"' || assert.fail(e.message);
        });
    });

    it("checks each version's requests and limits against its instance type when the config is read", () => {
        const cluster = { name: "aksml", clusterPurpose: "DevTest", agentCount: 1, acceleratorPools: [{ name: "gpu", kind: "gpu", vmSize: "Standard_NC4as_T4_v3" }] };
        const v = (patch: Record<string, unknown>) => [{ name: "ep1", versions: [{ versionName: "blue", model: "azureml:m:1", ...patch }] }];
        const fails = (patch: Record<string, unknown>, message: string) =>
            assert.throws(() => parseConfig(raw({}, { cluster, endpoints: v(patch) })), { message });
        // The gpu pool's instance type: limits 2 CPU, 8Gi, 1 GPU; the default: limits 2 CPU, 2Gi, no GPU.
        assert.doesNotThrow(() => parseConfig(raw({}, { cluster, endpoints: v({ instanceType: "gpu", gpuCores: 1, cpuCoresLimit: 2, memoryGbLimit: 8 }) })));
        fails({ instanceType: "gpu", gpuCores: 1, cpuCoresLimit: 4, memoryGbLimit: 8 },
            'endpoints[0].versions[0].cpuCoresLimit: cpu 4000m exceeds the limit of instance type "gpu" (2)');
        fails({ instanceType: "gpu", gpuCores: 2, cpuCoresLimit: 2, memoryGbLimit: 8 },
            'endpoints[0].versions[0].gpuCores: asks 2 GPU but instance type "gpu" allows 1; use an instance type of a GPU pool');
        fails({ instanceType: "gpu", gpuCores: 1 }, "endpoints[0].versions[0].cpuCoresLimit: a cpu limit is required with a GPU");
        fails({ gpuCores: 1, cpuCoresLimit: 1, memoryGbLimit: 1 },
            'endpoints[0].versions[0].gpuCores: asks 1 GPU but instance type "defaultinstancetype" allows 0; use an instance type of a GPU pool');
        fails({ memoryGb: 3 }, 'endpoints[0].versions[0].memoryGb: memory 3072Mi exceeds the limit of instance type "defaultinstancetype" (2Gi)');
    });

    it("refuses sslSecret on a cluster the stack creates (the secret cannot exist before the extension)", () => {
        assert.throws(() => parseConfig(raw({}, { attachment: { computeName: "aks-x", sslCname: "ml.example.com", sslSecret: "scoring-tls" }, cluster: { ...values.cluster, clusterPurpose: "DevTest" } })), {
            message: "attachment.sslSecret: only for an existing cluster that already holds the secret; on a cluster this stack creates set the secrets aks-ml-serving:sslCertPem and aks-ml-serving:sslKeyPem (or AKSML_SSL_CERT_PEM and AKSML_SSL_KEY_PEM) (pulumi config set --secret)",
        });
        const existing = { clusterPurpose: "DevTest", existing: { resourceGroup: "rg-aks", name: "shared" } };
        const cfg = parseConfig(raw({}, { cluster: existing, attachment: { computeName: "aks-x", sslCname: "ml.example.com", sslSecret: "scoring-tls" } }));
        assert.strictEqual(cfg.attachment.sslSecret, "scoring-tls");
    });

    it("prod is on a current GPU size and a supported Kubernetes version", () => {
        const prod = loadStack("prod");
        assert.ok(prod.cluster.mode === "create");
        assert.deepStrictEqual(prod.cluster.pools.map((p) => p.vmSize), ["Standard_D4s_v5", "Standard_NC4as_T4_v3"]);
        assert.strictEqual(prod.cluster.kubernetesVersion, "1.36");
        assert.ok(prod.tls, "TLS by the sslCertPem/sslKeyPem secrets (protected settings)");
    });

    it("refuses azureml:name@label references (ARM resolves no labels), naming the key", () => {
        const ep = (patch: Record<string, unknown>) => [{ name: "ep1", versions: [{ versionName: "blue", model: "azureml:churn:3", ...patch }] }];
        assert.throws(() => parseConfig(raw({}, { endpoints: ep({ model: "azureml:churn@latest" }) })), {
            message: 'endpoints[0].versions[0].model: "azureml:churn@latest": ARM does not resolve labels (@latest); name a version, e.g. azureml:churn:1, or a local path registered by content hash',
        });
        assert.throws(() => parseConfig(raw({}, { endpoints: ep({ environment: "azureml:sklearn@latest", code: "azureml:score:1", entryScript: "score.py" }) })),
            { message: /^endpoints\[0\]\.versions\[0\]\.environment: "azureml:sklearn@latest": ARM does not resolve labels/ });
    });
});
