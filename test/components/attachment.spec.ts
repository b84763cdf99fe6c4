import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { WorkspaceAttachment, WorkspaceAttachmentArgs } from "../../components/attachment";
import { isSecret, record, Recorded, UNKNOWN } from "../../tools/lib/recorder";
import { FakeCluster, GPU_POOL } from "../helpers/fakeCluster";
import type { ClusterPurpose } from "../../policy/rules/capacity";
import type { AcceleratorPoolInfo } from "../../components/aksCluster";

const EXT = "azure-native:kubernetesconfiguration:Extension";
const COMPUTE = "azure-native:machinelearningservices:Compute";
const MC = "azure-native:containerservice:ManagedCluster";
const SCRIPT = "azure-native:resources:AzureCliScript";
const ROLE = "azure-native:authorization:RoleAssignment";
const ROLE_DEF = "azure-native:authorization:RoleDefinition";
const CERT = "-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIIBkey\n-----END PRIVATE KEY-----\n";
const WS = { workspaceName: "mlw", resourceGroupName: "rg-ml", location: "westeurope" };

interface Shape { purpose: ClusterPurpose; nodes: number | undefined; pools?: AcceleratorPoolInfo[] }
type Extra = Partial<Omit<WorkspaceAttachmentArgs, "cluster" | "workspace" | "location">>;

function program(shape: Shape, extra: Extra = {}) {
    return () => {
        const cluster = new FakeCluster("c", shape.purpose, shape.nodes, shape.pools ?? []);
        const att = new WorkspaceAttachment("att", {
            cluster, workspace: WS, location: "WestEurope", computeName: "aks-dev", ...extra,
        });
        return { computeId: att.computeId, computeName: att.computeName, namespace: att.namespace, instanceTypes: att.instanceTypes };
    };
}

const DEV: Shape = { purpose: "DevTest", nodes: 2 };
const PROD: Shape = { purpose: "FastProd", nodes: 4, pools: [GPU_POOL] };
const TLS = { tls: { cname: "ml.example.com", certPem: pulumi.secret(CERT), keyPem: pulumi.secret(KEY) } };
const RANDOM = (r: Recorded) => (r.type === "random:index/randomString:RandomString" ? { result: "k3x9" } : {});

/** The Kubernetes objects the deployment script applies (its AKSML_CLUSTER_OBJECTS variable). */
function objects(run: { get(t: string): Recorded }): any[] {
    const v = run.get(SCRIPT).inputs.environmentVariables.find((e: any) => e.name === "AKSML_CLUSTER_OBJECTS");
    const list = JSON.parse(v.value);
    assert.deepStrictEqual([list.apiVersion, list.kind], ["v1", "List"]);
    return list.items;
}
const instanceTypes = (run: { get(t: string): Recorded }) =>
    Object.fromEntries(objects(run).filter((o) => o.kind === "InstanceType").map((o) => [o.metadata.name, o.spec]));

async function rejects(shape: Shape, extra: Extra, message: string) {
    await assert.rejects(record(program(shape, extra), { preview: true }), (e: Error) => {
        assert.strictEqual(e.message, message);
        return true;
    });
}

for (const preview of [true, false]) {
    describe(`WorkspaceAttachment (${preview ? "preview" : "update"})`, () => {
        it("DevTest: extension settings explicit, compute after extension and cluster", async () => {
            const run = await record(program(DEV, { allowInsecureConnections: true }), { preview, outputs: RANDOM });
            const ext = run.get(EXT);
            const compute = run.get(COMPUTE);
            const mc = run.get(MC);
            const s = ext.inputs.configurationSettings;
            assert.strictEqual(ext.inputs.extensionType, "Microsoft.AzureML.Kubernetes");
            assert.strictEqual(ext.inputs.clusterRp, "Microsoft.ContainerService");
            assert.strictEqual(ext.inputs.clusterResourceName, "managedClusters");
            assert.deepStrictEqual(ext.inputs.scope, { cluster: { releaseNamespace: "azureml" } });
            assert.deepStrictEqual(ext.inputs.identity, { type: "SystemAssigned" });
            assert.strictEqual(s.enableInference, "True");
            assert.strictEqual(s.enableTraining, "False");
            assert.strictEqual(s.clusterPurpose, "DevTest");
            assert.strictEqual(s.inferenceRouterHA, "False");
            assert.strictEqual(s.inferenceRouterServiceType, "LoadBalancer");
            assert.strictEqual(s.allowInsecureConnections, "True");
            assert.strictEqual(s.installNvidiaDevicePlugin, "False");
            assert.strictEqual(s.location, "westeurope");
            assert.strictEqual(s.domain, "westeurope.cloudapp.azure.com");
            assert.strictEqual(s["relayserver.enabled"], "False");
            assert.strictEqual(s.internalLoadBalancerProvider, undefined);
            assert.strictEqual(s.sslCname, undefined);
            assert.strictEqual(ext.inputs.configurationProtectedSettings, undefined);
            if (preview) assert.strictEqual(s.clusterId, UNKNOWN);
            else assert.match(s.clusterId, /ManagedCluster\/c$/);
            assert.strictEqual(s["prometheus.prometheusSpec.externalLabels.cluster_name"], s.clusterId);
            assert.ok(ext.dependencies.includes(mc.urn), "extension after the cluster");

            assert.strictEqual(compute.inputs.properties.computeType, "Kubernetes");
            assert.strictEqual(compute.inputs.computeName, "aks-dev");
            assert.ok(compute.dependencies.includes(ext.urn), "compute after the extension");
            assert.ok(compute.dependencies.includes(mc.urn), "compute after the cluster");
            assert.deepStrictEqual(compute.propertyDependencies.properties, [mc.urn], "resourceId comes from the cluster");
            if (!preview) assert.match(compute.inputs.properties.resourceId, /ManagedCluster\/c$/);
            assert.deepStrictEqual(compute.replaceOnChanges, ["properties", "location", "identity"]);
            assert.strictEqual(compute.deleteBeforeReplace, true);
            assert.strictEqual(compute.protect, false);
            assert.strictEqual(compute.inputs.properties.properties.namespace, "default");
            assert.strictEqual(compute.inputs.properties.properties.instanceTypes, undefined, "instance types are custom resources, not compute properties");
            assert.deepStrictEqual(compute.ignoreChanges, ["properties.properties.instanceTypes"], "an older stack's instance types here never replace the compute");
            assert.strictEqual(compute.inputs.properties.properties.defaultInstanceType, "defaultinstancetype");
            // The default instance type is declared as a custom resource, pinned to the system pool.
            assert.deepStrictEqual(instanceTypes(run), { defaultinstancetype: {
                nodeSelector: { "aksml.io/pool": "system" },
                resources: { requests: { cpu: "100m", memory: "2Gi" }, limits: { cpu: "2", memory: "2Gi" } },
            } });
            assert.deepStrictEqual(objects(run).map((o) => o.kind), ["InstanceType"], "no namespace unless manageNamespace");
        });

        it("in-cluster objects go through ARM after the extension: a deployment script running az aks command invoke, least-privilege identity", async () => {
            const run = await record(program(PROD, TLS), { preview, outputs: RANDOM });
            const script = run.get(SCRIPT);
            const ext = run.get(EXT);
            const compute = run.get(COMPUTE);
            assert.strictEqual(run.records.filter((r) => r.type.startsWith("kubernetes:") || r.type.startsWith("pulumi:providers:kubernetes")).length, 0,
                "nothing talks to the API server");
            assert.ok(script.dependencies.includes(ext.urn), "after the extension that installs the InstanceType CRD");
            assert.ok(compute.dependencies.includes(script.urn), "the compute after the objects");
            assert.strictEqual(script.inputs.kind, "AzureCLI");
            assert.match(script.inputs.scriptContent, /az aks command invoke -g "\$CLUSTER_RESOURCE_GROUP" -n "\$CLUSTER_NAME" --command "\$cmd" --file objects\.json/);
            assert.match(script.inputs.scriptContent, /kubectl wait --for condition=established --timeout=300s crd\/instancetypes\.amlarc\.azureml\.com && kubectl apply -f objects\.json/);
            assert.strictEqual(script.inputs.identity.type, "UserAssigned");
            const roles = run.all(ROLE);
            assert.strictEqual(roles.length, 2);
            for (const r of roles) assert.ok(script.dependencies.includes(r.urn), "the script waits for its role assignments");
            assert.deepStrictEqual(run.get(ROLE_DEF).inputs.permissions, [{ actions: [
                "Microsoft.ContainerService/managedClusters/runcommand/action", "Microsoft.ContainerService/managedClusters/commandResults/read"] }]);
            if (!preview) assert.ok(roles.some((r) => /b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b$/.test(r.inputs.roleDefinitionId)), "AKS RBAC Cluster Admin (Kubernetes data actions)");
            assert.strictEqual(typeof script.inputs.forceUpdateTag, "string");
        });

        it("FastProd with a GPU pool: HA router, TLS as secrets, GPU instance type", async () => {
            const run = await record(program(PROD, TLS), { preview, outputs: RANDOM });
            const ext = run.get(EXT);
            const s = ext.inputs.configurationSettings;
            assert.strictEqual(s.clusterPurpose, "FastProd");
            assert.strictEqual(s.inferenceRouterHA, "True");
            assert.strictEqual(s.allowInsecureConnections, "False");
            assert.strictEqual(s.installNvidiaDevicePlugin, "True");
            assert.strictEqual(s.sslCname, "ml.example.com");
            assert.ok(isSecret(ext.raw.configurationProtectedSettings), "protected settings travel as a secret");
            assert.deepStrictEqual(ext.inputs.configurationProtectedSettings, {
                "scoringFe.sslCert": Buffer.from(CERT).toString("base64"),
                "scoringFe.sslKey": Buffer.from(KEY).toString("base64"),
            });
            const it = instanceTypes(run);
            assert.deepStrictEqual(Object.keys(it), ["defaultinstancetype", "gpu"]);
            assert.deepStrictEqual(it.gpu.nodeSelector, { "aksml.io/pool": "gpu", "aksml.io/accelerator": "gpu" });
            assert.strictEqual(it.gpu.resources.limits["nvidia.com/gpu"], "2");
            assert.strictEqual(it.gpu.resources.requests["nvidia.com/gpu"], undefined, "GPU in limits only");
            const att = run.get("aks-ml:index:WorkspaceAttachment");
            assert.deepStrictEqual(att.outputs?.instanceTypes, ["defaultinstancetype", "gpu"]);
        });

        for (const [how, tls] of [["secret inputs", TLS], ["plain-string inputs", { tls: { ...TLS.tls, certPem: CERT, keyPem: KEY } }]] as const) {
        it(`secrets never appear in plain text anywhere in the registrations (${how})`, async () => {
            const run = await record(program(PROD, tls), { preview, outputs: RANDOM });
            const strip = (v: any): any => isSecret(v) ? "<secret>" : Array.isArray(v) ? v.map(strip)
                : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)])) : v;
            const plain = JSON.stringify(run.records.map((r) => [strip(r.raw), strip(r.outputs ?? {})]));
            for (const needle of [CERT, KEY, "MIIBkey", Buffer.from(KEY).toString("base64"), Buffer.from(CERT).toString("base64")]) {
                assert.ok(!plain.includes(needle), `found ${needle.slice(0, 20)} in plain text`);
            }
            assert.ok(isSecret(run.get(EXT).raw.configurationProtectedSettings));
        });
        }

        it("manageNamespace: namespace and router-only NetworkPolicy applied with the instance types, through ARM", async () => {
            const run = await record(program(DEV, { allowInsecureConnections: true, manageNamespace: true, namespace: "models", protect: true }), { preview, outputs: RANDOM });
            const [ns, np] = objects(run).slice(1);
            const compute = run.get(COMPUTE);
            assert.strictEqual(ns.kind, "Namespace");
            assert.strictEqual(ns.metadata.name, "models");
            assert.strictEqual(ns.metadata.labels["aksml.io/role"], "model-services");
            assert.strictEqual(run.get(SCRIPT).protect, false, "deleting the script never deletes the namespace");
            assert.deepStrictEqual([np.kind, np.metadata.namespace], ["NetworkPolicy", "models"]);
            assert.deepStrictEqual(np.spec.ingress, [{ from: [{
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "azureml" } },
                podSelector: { matchLabels: { azuremlappname: "azureml-fe" } },
            }] }]);
            assert.deepStrictEqual(np.spec.policyTypes, ["Ingress"]);
            assert.deepStrictEqual(np.spec.podSelector, {});
            assert.ok(compute.dependencies.includes(run.get(SCRIPT).urn), "compute after its namespace exists");
            assert.strictEqual(compute.inputs.properties.properties.namespace, "models");
        });

        it("uniqueSuffix appends '-' and 4 random characters", async () => {
            const run = await record(program(DEV, { allowInsecureConnections: true, uniqueSuffix: true }), { preview, outputs: RANDOM });
            const name = run.get(COMPUTE).inputs.computeName;
            assert.strictEqual(name, preview ? UNKNOWN : "aks-dev-k3x9");
            assert.strictEqual(run.get("random:index/randomString:RandomString").inputs.length, 4);
        });
    });
}

describe("WorkspaceAttachment rules (exact messages)", () => {
    const insecure = { allowInsecureConnections: true };
    const rule = "3 to 24 characters, letters, digits and '-', starting with a letter";
    it("compute name: too short", () => rejects(DEV, { ...insecure, computeName: "ab" }, `compute name "ab" must be ${rule}`));
    it("compute name: starts with a digit", () => rejects(DEV, { ...insecure, computeName: "1aks" }, `compute name "1aks" must be ${rule}`));
    it("compute name: invalid character", () => rejects(DEV, { ...insecure, computeName: "aks_dev" }, `compute name "aks_dev" must be ${rule}`));
    it("compute name: 25 characters", () => rejects(DEV, { ...insecure, computeName: "a".repeat(25) }, `compute name "${"a".repeat(25)}" must be ${rule}`));
    it("compute name: no room for the suffix", () => rejects(DEV, { ...insecure, computeName: "a".repeat(20), uniqueSuffix: true },
        `compute name "${"a".repeat(20)}" is 20 characters; with uniqueSuffix it must be at most 19 (${rule}, after "-" and 4 random characters)`));
    it("compute name: 24 characters without suffix is fine", async () => {
        const run = await record(program(DEV, { ...insecure, computeName: "a".repeat(24) }), { preview: true });
        assert.strictEqual(run.get(COMPUTE).inputs.computeName, "a".repeat(24));
    });
    it("inferenceRouterHA on DevTest", () => rejects(DEV, { ...insecure, inferenceRouterHA: true },
        "inferenceRouterHA: must be false for a DevTest cluster (one router replica)"));
    it("inferenceRouterHA below 3 nodes", () => rejects({ purpose: "FastProd", nodes: 2 }, { ...TLS, inferenceRouterHA: true },
        "inferenceRouterHA: needs at least 3 nodes (three router replicas), the cluster guarantees 2; set false"));
    it("inferenceRouterHA defaults to False below 3 nodes even for FastProd", async () => {
        const run = await record(program({ purpose: "FastProd", nodes: 2 }, TLS), { preview: true });
        assert.strictEqual(run.get(EXT).inputs.configurationSettings.inferenceRouterHA, "False");
    });
    it("existing cluster (nodes unknown): router HA from the purpose alone", async () => {
        const prod = await record(program({ purpose: "FastProd", nodes: undefined }, TLS), { preview: true });
        assert.strictEqual(prod.get(EXT).inputs.configurationSettings.inferenceRouterHA, "True");
        const dev = await record(program({ purpose: "DevTest", nodes: undefined }, insecure), { preview: true });
        assert.strictEqual(dev.get(EXT).inputs.configurationSettings.inferenceRouterHA, "False");
    });
    it("TLS from a Kubernetes secret: sslSecret and scoringFe.sslSecret, no protected settings", async () => {
        const run = await record(program(PROD, { tls: { cname: "ml.example.com", secretName: "azureml-fe-tls" } }), { preview: true });
        const ext = run.get(EXT);
        assert.strictEqual(ext.inputs.configurationSettings.sslCname, "ml.example.com");
        assert.strictEqual(ext.inputs.configurationSettings.sslSecret, "azureml-fe-tls");
        assert.strictEqual(ext.inputs.configurationSettings["scoringFe.sslSecret"], "azureml-fe-tls");
        assert.strictEqual(ext.inputs.configurationProtectedSettings, undefined);
    });
    it("TLS secret name must be a Kubernetes name", () => rejects(PROD, { tls: { cname: "ml.example.com", secretName: "Bad_Name" } },
        `tls.secretName: expected a Kubernetes secret name (lowercase letters, digits, '-' and '.'), got "Bad_Name"`));
    it("NodePort router and an explicit device plugin choice", async () => {
        const run = await record(program(PROD, { ...TLS, inferenceRouterServiceType: "NodePort", installNvidiaDevicePlugin: false }), { preview: true });
        const s = run.get(EXT).inputs.configurationSettings;
        assert.strictEqual(s["scoringFe.serviceType.nodePort"], "True");
        assert.strictEqual(s.inferenceRouterServiceType, "NodePort");
        assert.strictEqual(s.internalLoadBalancerProvider, undefined);
        assert.strictEqual(s.installNvidiaDevicePlugin, "False");
    });
    it("allowInsecureConnections outside DevTest", () => rejects(PROD, insecure,
        "allowInsecureConnections: allowed only for a DevTest cluster, got FastProd; use TLS (sslCname with sslCertPem and sslKeyPem, or with sslSecret)"));
    it("TLS required without allowInsecureConnections", () => rejects(DEV, {},
        "sslCname: TLS is required: set sslCname with the secrets sslCertPem and sslKeyPem (or with sslSecret), or allowInsecureConnections: true on a DevTest cluster"));
    it("internal load balancer: both settings the CLI derives", async () => {
        const run = await record(program(PROD, { ...TLS, loadBalancerType: "InternalLoadBalancer" }), { preview: true });
        const s = run.get(EXT).inputs.configurationSettings;
        assert.strictEqual(s.internalLoadBalancerProvider, "azure");
        assert.strictEqual(s["scoringFe.serviceType.internalLoadBalancer"], "True");
        assert.strictEqual(s.inferenceRouterServiceType, "LoadBalancer");
    });
    it("internal load balancer needs a LoadBalancer router", () => rejects(PROD, { ...TLS, loadBalancerType: "InternalLoadBalancer", inferenceRouterServiceType: "NodePort" },
        "loadBalancerType: InternalLoadBalancer needs inferenceRouterServiceType LoadBalancer, got NodePort"));
    it("manageNamespace refuses the default namespace", () => rejects(DEV, { ...insecure, manageNamespace: true },
        `manageNamespace: cannot manage the "default" namespace; set namespace to a dedicated name (e.g. models)`));
    it("reserved namespace", () => rejects(DEV, { ...insecure, namespace: "azureml" },
        `namespace: "azureml" is reserved; allowed: any other namespace name (default: default)`));
    const full = { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } };
    it("instance type override with an unknown resource", () => rejects(DEV, { ...insecure, instanceTypes: { big: { ...full, limits: { ...full.limits, gpu: "1" } } } },
        `instance type "big": limits.gpu is not one of cpu, memory, nvidia.com/gpu`));
    it("a new instance type needs cpu and memory limits", () => rejects(DEV, { ...insecure, instanceTypes: { tiny: { requests: full.requests } } },
        `instance type "tiny": limits.cpu is required (cpu and memory in both requests and limits); instance type "tiny": limits.memory is required (cpu and memory in both requests and limits)`));
    it("GPU count is a whole number, in limits only", () => rejects(PROD, { ...TLS, instanceTypes: { gpu: { requests: { ...full.requests, "nvidia.com/gpu": "1" }, limits: { ...full.limits, "nvidia.com/gpu": "0.5" } } } },
        `instance type "gpu": nvidia.com/gpu goes in limits only; instance type "gpu": limits.nvidia.com/gpu must be a whole number, got "0.5"`));
    it("an override adjusts the generated pool type", async () => {
        const run = await record(program(PROD, { ...TLS, instanceTypes: { gpu: { limits: { cpu: "4", memory: "16Gi", "nvidia.com/gpu": "1" } } } }), { preview: true });
        const gpu = instanceTypes(run).gpu;
        assert.deepStrictEqual(gpu.resources, { requests: { cpu: "1", memory: "4Gi" }, limits: { cpu: "4", memory: "16Gi", "nvidia.com/gpu": "1" } });
        assert.deepStrictEqual(gpu.nodeSelector, GPU_POOL.nodeLabels);
    });
});
