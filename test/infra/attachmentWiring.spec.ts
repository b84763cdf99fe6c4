// The wiring proposed for infra/program.ts (issue 3), run on the real cluster config of
// Pulumi.dev.yaml / Pulumi.prod.yaml with the proposed `workspace` and `attachment` sections:
// the prod program registers the extension (inference on, FastProd, insecure off), a Kubernetes
// compute after the cluster and the extension, and a GPU instance type; dev the DevTest variant.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AksCluster } from "../../components/aksCluster";
import { Workspace } from "../../components/workspace";
import { WorkspaceAttachment } from "../../components/attachment";
import { StackConfig } from "../../infra/config";
import { parseWorkspace } from "../../infra/sections/workspace";
import { parseAttachment } from "../../infra/sections/attachment";
import { isSecret, record, Recorded } from "../../tools/lib/recorder";
import { loadStack, mockCall, mockOutputs } from "../../tools/lib/stackRun";

const PROPOSED: Record<string, { workspace: unknown; attachment: unknown }> = {
    dev: {
        workspace: { name: "mlw-aksml-dev", create: true },
        attachment: { computeName: "aks-dev", namespace: "models", manageNamespace: true, allowInsecureConnections: true },
    },
    prod: {
        workspace: { name: "mlw-aksml-prod", create: true, publicNetworkAccess: "Enabled", logRetentionDays: 90 },
        attachment: { computeName: "aks-prod", namespace: "models", manageNamespace: true, sslCname: "ml.example.com" },
    },
};

/** The proposed wiring, as it would sit in deploy() after the cluster. */
function wire(cfg: StackConfig, rawWorkspace: unknown, rawAttachment: unknown) {
    const prefix = `aksml-${cfg.stack}`;
    const resourceGroupName = pulumi.output(cfg.resourceGroup.name);
    const cluster = new AksCluster(`${prefix}-cluster`, { cluster: cfg.cluster, resourceGroupName, location: cfg.location, protect: cfg.protect });
    const wsSpec = parseWorkspace(rawWorkspace, { resourceGroup: cfg.resourceGroup.name });
    const att = parseAttachment(rawAttachment, {
        purpose: cluster.purpose,
        hasGpuPool: cluster.acceleratorPools.some((p) => p.kind === "gpu"),
        nodeCount: cluster.nodeCount,
        tls: cfg.tls !== undefined,
        poolNames: cluster.acceleratorPools.map((p) => p.name),
    });
    const workspace = new Workspace(`${prefix}-ws`, { workspace: wsSpec, resourceGroupName, location: cfg.location, protect: cfg.protect });
    const { sslCname, sslSecret, ...attachmentArgs } = att;
    const attachment = new WorkspaceAttachment(`${prefix}-attach`, {
        ...attachmentArgs,
        cluster, workspace, location: cfg.location,
        tls: !sslCname ? undefined
            : sslSecret ? { cname: sslCname, secretName: sslSecret }
            : cfg.tls ? { cname: sslCname, certPem: cfg.tls.certPem, keyPem: cfg.tls.keyPem } : undefined,
        protect: cfg.protect,
    });
    return { computeId: attachment.computeId, computeName: attachment.computeName, modelNamespace: attachment.namespace, workspaceName: workspace.workspaceName };
}

/** The stack runner's mock outputs plus a RandomString result (the mock echoes inputs, and `result` is no input). */
const outputs = (r: Recorded) => (r.type === "random:index/randomString:RandomString" ? { result: "k3x9q7w8".slice(0, r.inputs.length) } : mockOutputs(r));

function config(stack: string): StackConfig {
    const cfg = loadStack(stack);
    return stack === "prod" ? { ...cfg, tls: { certPem: pulumi.secret("-----BEGIN CERTIFICATE-----"), keyPem: pulumi.secret("-----BEGIN PRIVATE KEY-----") } } : cfg;
}

for (const preview of [true, false]) {
    describe(`attachment wiring (${preview ? "preview" : "update"})`, () => {
        it("prod: FastProd extension with TLS, compute after cluster, extension and workspace, GPU instance type", async () => {
            const run = await record(() => wire(config("prod"), PROPOSED.prod.workspace, PROPOSED.prod.attachment), { preview, call: mockCall, outputs, stack: "prod" });
            const ext = run.get("azure-native:kubernetesconfiguration:Extension");
            const compute = run.get("azure-native:machinelearningservices:Compute");
            const mc = run.get("azure-native:containerservice:ManagedCluster");
            const mlw = run.get("azure-native:machinelearningservices:Workspace");
            const s = ext.inputs.configurationSettings;
            assert.deepStrictEqual([s.enableInference, s.clusterPurpose, s.allowInsecureConnections, s.inferenceRouterHA, s.installNvidiaDevicePlugin],
                ["True", "FastProd", "False", "True", "True"]);
            assert.ok(isSecret(ext.raw.configurationProtectedSettings));
            for (const dep of [ext.urn, mc.urn, mlw.urn]) assert.ok(compute.dependencies.includes(dep), `compute depends on ${dep}`);
            const gpu = compute.inputs.properties.properties.instanceTypes.gpu;
            assert.strictEqual(gpu.resources.limits["nvidia.com/gpu"], "1");
            assert.deepStrictEqual(gpu.nodeSelector, { "aksml.io/pool": "gpu", "aksml.io/accelerator": "gpu" });
            assert.strictEqual(run.get("kubernetes:core/v1:Namespace").inputs.metadata.name, "models");
            assert.strictEqual(run.get("kubernetes:core/v1:Namespace").protect, true);
            assert.strictEqual(mlw.protect, true);
        });

        it("dev: DevTest extension over HTTP, single router replica, no GPU plugin", async () => {
            const run = await record(() => wire(config("dev"), PROPOSED.dev.workspace, PROPOSED.dev.attachment), { preview, call: mockCall, outputs, stack: "dev" });
            const s = run.get("azure-native:kubernetesconfiguration:Extension").inputs.configurationSettings;
            assert.deepStrictEqual([s.clusterPurpose, s.allowInsecureConnections, s.inferenceRouterHA, s.installNvidiaDevicePlugin], ["DevTest", "True", "False", "False"]);
            assert.deepStrictEqual(Object.keys(run.get("azure-native:machinelearningservices:Compute").inputs.properties.properties.instanceTypes), ["defaultinstancetype"]);
            assert.strictEqual(run.get("kubernetes:core/v1:Namespace").protect, false, "dev does not protect");
            assert.strictEqual(run.get("azure-native:machinelearningservices:Compute").inputs.properties.properties.namespace, "models");
        });
    });
}
