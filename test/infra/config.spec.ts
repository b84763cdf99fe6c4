import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { checkNamespaces, parseConfig, RawConfig } from "../../infra/config";
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
        const gpuCluster = { name: "aksml", clusterPurpose: "DevTest", agentCount: 1, acceleratorPools: [{ name: "gpu", kind: "gpu", vmSize: "Standard_NC6s_v3" }] };
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
            message: 'aks-ml-servng:endpoints: unknown namespace "aks-ml-servng"; did you mean aks-ml-serving:endpoints? keys are aks-ml-serving:<key> or a provider\'s (azure-native, kubernetes, random, pulumi)',
        });
        assert.throws(() => checkNamespaces(["aws:region"]), /^ConfigError: aws:region: unknown namespace "aws"; keys are aks-ml-serving:<key>/);
        assert.doesNotThrow(() => checkNamespaces(["aks-ml-serving:cluster", "cluster", "kubernetes:context", "pulumi:tags", "random:x"]));
    });

    it("requires the location and the resource group name", () => {
        assert.throws(() => parseConfig(raw({ location: undefined })),
            { message: "azure-native:location: is required, e.g. westeurope (pulumi config set azure-native:location westeurope)" });
        assert.throws(() => parseConfig(raw({}, { resourceGroup: {} })), { message: "resourceGroup.name: is required" });
        assert.throws(() => parseConfig(raw({}, { protect: "yes" })), { message: 'protect: expected true or false, got "yes"' });
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

    it("a config error is a RunError: the CLI prints it as one line without a stack trace", () => {
        assert.throws(() => parseConfig(raw({}, { cluster: { name: "aksml", agentCount: "three" } })), (e: Error) => {
            assert.ok(pulumi.RunError.isInstance(e));
            return e.message === 'cluster.agentCount: expected a positive integer, got "three"' || assert.fail(e.message);
        });
    });
});
