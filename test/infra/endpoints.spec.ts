import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import YAML from "yaml";
import { parseEndpoints } from "../../infra/sections/endpoints";
import { ConfigError } from "../../infra/sections/reader";
import { deploymentName, ModelEndpoint, usesLocalFiles, VersionConfig } from "../../components/modelEndpoint";
import { workspaceBlobStore, WorkspaceAssets } from "../../components/modelAssets";
import { isSecret, record } from "../../tools/lib/recorder";

const ctx = { instanceTypes: ["defaultinstancetype", "gpu"] };
const V = { versionName: "blue", model: "azureml:churn:3", environment: "azureml:sklearn-env:1", code: "azureml:churn-score:1", entryScript: "score.py" };
const one = (version: Record<string, unknown>, endpoint: Record<string, unknown> = {}) => [{ name: "churn", versions: [{ ...V, ...version }], ...endpoint }];

function fails(raw: unknown, message: string) {
    assert.throws(() => parseEndpoints(raw, ctx), (e: unknown) => {
        assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${e}`);
        assert.strictEqual(e.message, message);
        return true;
    });
}

function version(raw: Record<string, unknown>): VersionConfig {
    return parseEndpoints(one(raw), ctx)[0].versions[0];
}

describe("endpoints config", () => {
    it("absent or empty: no endpoints", () => {
        assert.deepStrictEqual(parseEndpoints(undefined, ctx), []);
        assert.deepStrictEqual(parseEndpoints([], ctx), []);
    });

    it("a minimal web service gets the SDK v1 deploy_configuration defaults", () => {
        const [ep] = parseEndpoints([{ name: "churn", versions: [{ versionName: "blue", model: "azureml:churn:3" }] }], ctx);
        assert.deepStrictEqual(ep, {
            name: "churn", authMode: "key", description: undefined, tags: {},
            versions: [{
                versionName: "blue", model: { id: "azureml:churn:3" }, environment: undefined, code: undefined, entryScript: undefined,
                instanceType: "defaultinstancetype",
                cpuCores: 0.1, cpuCoresLimit: undefined, memoryGb: 0.5, memoryGbLimit: undefined, gpuCores: 0,
                scale: { autoscale: true, minReplicas: 1, maxReplicas: 10, targetUtilization: 70, refreshSeconds: 1 },
                scoringTimeoutMs: 60000, replicaMaxConcurrentRequests: 1, maxRequestWaitTime: 500,
                livenessProbe: { periodSeconds: 10, initialDelaySeconds: 310, timeoutSeconds: 2, successThreshold: 1, failureThreshold: 3 },
                enableAppInsights: false, trafficPercentile: undefined, isDefault: false, isControlVersionType: false, tags: {}, description: undefined,
            }],
        });
    });

    it("reads every field", () => {
        const [ep] = parseEndpoints([{
            name: "churn", authMode: "amlToken", description: "churn scoring", tags: { team: "risk" },
            versions: [{
                versionName: "control", model: "examples/churn/model", image: "mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest",
                condaFile: "examples/churn/conda.yaml", code: "examples/churn/score", entryScript: "score.py", instanceType: "gpu",
                cpuCores: 0.5, cpuCoresLimit: 1, memoryGb: 1, memoryGbLimit: 2, gpuCores: 1,
                autoscaleEnabled: true, autoscaleMinReplicas: 2, autoscaleMaxReplicas: 4, autoscaleTargetUtilization: 60, autoscaleRefreshSeconds: 5,
                scoringTimeoutMs: 30000, replicaMaxConcurrentRequests: 2, maxRequestWaitTime: 1000,
                periodSeconds: 5, initialDelaySeconds: 30, timeoutSeconds: 3, successThreshold: 2, failureThreshold: 5,
                enableAppInsights: true, trafficPercentile: 80, isDefault: true, isControlVersionType: true, tags: { model: "3" }, description: "current",
            }, { versionName: "treatment", model: "azureml:churn:4", environment: "azureml:sklearn-env:1", trafficPercentile: 20, numReplicas: 2 }],
        }], ctx);
        assert.strictEqual(ep.authMode, "amlToken");
        assert.deepStrictEqual(ep.tags, { team: "risk" });
        const [c, t] = ep.versions;
        assert.deepStrictEqual(c.model, { path: "examples/churn/model" });
        assert.deepStrictEqual(c.environment, { image: "mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest", condaFile: "examples/churn/conda.yaml" });
        assert.deepStrictEqual(c.code, { path: "examples/churn/score" });
        assert.deepStrictEqual([c.instanceType, c.cpuCores, c.cpuCoresLimit, c.memoryGb, c.memoryGbLimit, c.gpuCores], ["gpu", 0.5, 1, 1, 2, 1]);
        assert.deepStrictEqual(c.scale, { autoscale: true, minReplicas: 2, maxReplicas: 4, targetUtilization: 60, refreshSeconds: 5 });
        assert.deepStrictEqual([c.scoringTimeoutMs, c.replicaMaxConcurrentRequests, c.maxRequestWaitTime], [30000, 2, 1000]);
        assert.deepStrictEqual(c.livenessProbe, { periodSeconds: 5, initialDelaySeconds: 30, timeoutSeconds: 3, successThreshold: 2, failureThreshold: 5 });
        assert.deepStrictEqual([c.enableAppInsights, c.trafficPercentile, c.isDefault, c.isControlVersionType, c.description], [true, 80, true, true, "current"]);
        assert.deepStrictEqual(c.tags, { model: "3" });
        assert.deepStrictEqual(t.scale, { autoscale: false, replicas: 2 }, "numReplicas turns autoscaling off (SDK: autoscale defaults to True only without num_replicas)");
        assert.deepStrictEqual(t.environment, { id: "azureml:sklearn-env:1" });
    });

    it("autoscaleEnabled: false without numReplicas runs one replica", () => {
        assert.deepStrictEqual(version({ autoscaleEnabled: false }).scale, { autoscale: false, replicas: 1 });
    });

    it("asset IDs with a version pass through untouched (azureml:, azureml://, ARM IDs); labels are refused (config.spec)", () => {
        const arm = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/models/churn/versions/3";
        const v = version({ model: arm, environment: "azureml://registries/azureml/environments/sklearn-1.5/versions/1", code: "azureml:churn-score:2" });
        assert.deepStrictEqual([v.model, v.environment, v.code], [{ id: arm }, { id: "azureml://registries/azureml/environments/sklearn-1.5/versions/1" }, { id: "azureml:churn-score:2" }]);
    });

    describe("rejects, naming the key", () => {
        it("the list and endpoint fields", () => {
            fails({ name: "x" }, "endpoints: expected a list, got an object");
            fails(["churn"], `endpoints[0]: expected an object, got "churn"`);
            fails([{ versions: [V] }], "endpoints[0].name: is required");
            fails([{ name: "ab", versions: [V] }], `endpoints[0].name: expected 3 to 32 characters, letters, digits and '-', starting with a letter, got "ab"`);
            fails([{ name: "1churn", versions: [V] }], `endpoints[0].name: expected 3 to 32 characters, letters, digits and '-', starting with a letter, got "1churn"`);
            fails([{ name: "c".repeat(33), versions: [V] }], `endpoints[0].name: expected 3 to 32 characters, letters, digits and '-', starting with a letter, got "${"c".repeat(33)}"`);
            fails([{ name: "churn", versions: [V] }, { name: "Churn", versions: [V] }], `endpoints[1].name: "Churn" is already the name of endpoints[0]`);
            fails(one({}, { authMode: "anonymous" }), `endpoints[0].authMode: expected one of key, amlToken, got "anonymous"`);
            fails(one({}, { tags: { a: 1 } }), "endpoints[0].tags.a: expected a non-empty string, got 1");
            fails(one({}, { authEnabled: false }), "endpoints[0].authEnabled: unknown key; allowed keys: authMode, description, name, tags, versions");
        });

        it("the versions list and the rollout rules", () => {
            fails([{ name: "churn" }], "endpoints[0].versions: expected 1 to 6 versions, got 0");
            fails([{ name: "churn", versions: ["a", "b", "c", "d", "e", "f", "g"].map((n) => ({ ...V, versionName: `${n}ver` })) }],
                "endpoints[0].versions: expected 1 to 6 versions, got 7");
            fails([{ name: "churn", versions: [V, V] }], `endpoints[0].versions[1].versionName: "blue" is already the name of versions[0]`);
            fails([{ name: "churn", versions: [{ ...V, isDefault: true }, { ...V, versionName: "green", isDefault: true }] }],
                `endpoints[0].versions[1].isDefault: only one version may be the default; "blue" already is`);
            fails([{ name: "churn", versions: [{ ...V, isControlVersionType: true }, { ...V, versionName: "green", isControlVersionType: true }] }],
                `endpoints[0].versions[1].isControlVersionType: only one version may be the control; "blue" already is`);
            fails([{ name: "churn", versions: [{ ...V, trafficPercentile: 60 }, { ...V, versionName: "green", trafficPercentile: 50 }] }],
                "endpoints[0].versions: trafficPercentile values sum to 110 (blue: 60, green: 50); at most 100 is allowed");
            fails(one({ trafficPercentile: 101 }), "endpoints[0].versions[0].trafficPercentile: expected an integer from 0 to 100, got 101");
            fails(one({ trafficPercentile: 12.5 }), "endpoints[0].versions[0].trafficPercentile: expected an integer from 0 to 100, got 12.5");
            fails(one({ isDefault: "yes" }), `endpoints[0].versions[0].isDefault: expected true or false, got "yes"`);
        });

        it("version names, model, environment and code", () => {
            fails(one({ versionName: "b" }), `endpoints[0].versions[0].versionName: expected 3 to 25 characters, letters, digits and '-', starting with a letter, got "b"`);
            fails(one({ versionName: "v".repeat(26) }), `endpoints[0].versions[0].versionName: expected 3 to 25 characters, letters, digits and '-', starting with a letter, got "${"v".repeat(26)}"`);
            fails(one({ model: undefined }), "endpoints[0].versions[0].model: is required");
            fails(one({ model: "models/missing" }),
                `endpoints[0].versions[0].model: expected an asset ID (azureml:<name>:<version> or an ARM ID) or an existing local file or folder, got "models/missing"`);
            fails(one({ environment: "sklearn-env" }),
                `endpoints[0].versions[0].environment: expected an asset ID (azureml:<name>:<version> or an ARM ID), got "sklearn-env"; for a custom image set image (+ condaFile)`);
            fails(one({ image: "python:3.10" }), "endpoints[0].versions[0].image: environment and image are exclusive: use an environment asset ID, or an image (+ condaFile)");
            fails(one({ environment: undefined, condaFile: "examples/churn/conda.yaml" }),
                "endpoints[0].versions[0].condaFile: needs image (the base image the conda environment is built on)");
            fails(one({ environment: undefined, image: "python:3.10", condaFile: "env/missing.yaml" }),
                `endpoints[0].versions[0].condaFile: expected an existing local file, got "env/missing.yaml"`);
            fails(one({ code: "examples/churn/score/score.py" }),
                `endpoints[0].versions[0].code: expected an asset ID (azureml:<name>:<version> or an ARM ID) or an existing local folder, got "examples/churn/score/score.py"`);
            fails(one({ entryScript: undefined }), "endpoints[0].versions[0].entryScript: is required with code (the scoring script inside the code folder)");
            fails(one({ code: undefined }), "endpoints[0].versions[0].entryScript: needs code (the folder that contains it)");
            fails(one({ code: "examples/churn/score", entryScript: "main.py" }), `endpoints[0].versions[0].entryScript: "main.py" not found in examples/churn/score`);
            fails(one({ environment: undefined }), "endpoints[0].versions[0].environment: is required with code: an environment asset ID, or image (+ condaFile)");
        });

        it("instance type, resources and limits below requests", () => {
            fails(one({ instanceType: "Standard_NC6" }), `endpoints[0].versions[0].instanceType: expected one of defaultinstancetype, gpu, got "Standard_NC6"`);
            assert.throws(() => parseEndpoints(one({}), { instanceTypes: ["cpu-small"] }),
                { message: "endpoints[0].versions[0].instanceType: expected one of cpu-small, got nothing" });
            fails(one({ cpuCores: 0 }), "endpoints[0].versions[0].cpuCores: expected a number greater than 0, got 0");
            fails(one({ memoryGb: "1Gi" }), `endpoints[0].versions[0].memoryGb: expected a number greater than 0, got "1Gi"`);
            fails(one({ cpuCores: 0.5, cpuCoresLimit: 0.25 }), "endpoints[0].versions[0].cpuCoresLimit: expected a number at least cpuCores (0.5), got 0.25");
            fails(one({ cpuCoresLimit: 0.05 }), "endpoints[0].versions[0].cpuCoresLimit: expected a number at least cpuCores (0.1), got 0.05");
            fails(one({ memoryGb: 2, memoryGbLimit: 1 }), "endpoints[0].versions[0].memoryGbLimit: expected a number at least memoryGb (2), got 1");
            fails(one({ gpuCores: 0.5 }), "endpoints[0].versions[0].gpuCores: expected a non-negative integer, got 0.5");
            assert.strictEqual(version({ cpuCores: 0.5, cpuCoresLimit: 0.5 }).cpuCoresLimit, 0.5, "a limit equal to the request is fine");
        });

        it("scaling", () => {
            fails(one({ numReplicas: 2, autoscaleEnabled: true }),
                "endpoints[0].versions[0].numReplicas: a fixed replica count and autoscaleEnabled: true are exclusive; remove one");
            fails(one({ numReplicas: 0 }), "endpoints[0].versions[0].numReplicas: expected a positive integer, got 0");
            fails(one({ numReplicas: 2, autoscaleMaxReplicas: 4 }),
                "endpoints[0].versions[0].autoscaleMaxReplicas: only applies with autoscaling (autoscaleEnabled true, no numReplicas)");
            fails(one({ autoscaleEnabled: false, autoscaleTargetUtilization: 50 }),
                "endpoints[0].versions[0].autoscaleTargetUtilization: only applies with autoscaling (autoscaleEnabled true, no numReplicas)");
            fails(one({ autoscaleMinReplicas: 5, autoscaleMaxReplicas: 3 }),
                "endpoints[0].versions[0].autoscaleMaxReplicas: expected an integer at least autoscaleMinReplicas (5), got 3");
            fails(one({ autoscaleMinReplicas: 0 }), "endpoints[0].versions[0].autoscaleMinReplicas: expected a positive integer, got 0");
            fails(one({ autoscaleTargetUtilization: 101 }), "endpoints[0].versions[0].autoscaleTargetUtilization: expected an integer from 1 to 100, got 101");
            fails(one({ autoscaleRefreshSeconds: 0 }), "endpoints[0].versions[0].autoscaleRefreshSeconds: expected a positive integer, got 0");
            fails(one({ autoscaleEnabled: "true" }), `endpoints[0].versions[0].autoscaleEnabled: expected true or false, got "true"`);
            // What was written counts, not the default it equals.
            fails(one({ numReplicas: 2, autoscaleMinReplicas: 1 }),
                "endpoints[0].versions[0].autoscaleMinReplicas: only applies with autoscaling (autoscaleEnabled true, no numReplicas)");
            assert.deepStrictEqual(version({ numReplicas: 2, autoscaleMinReplicas: null }).scale, { autoscale: false, replicas: 2 }, "a YAML null is absent");
        });

        it("request handling and probes", () => {
            for (const key of ["scoringTimeoutMs", "replicaMaxConcurrentRequests", "maxRequestWaitTime",
                "periodSeconds", "initialDelaySeconds", "timeoutSeconds", "successThreshold", "failureThreshold"]) {
                fails(one({ [key]: 0 }), `endpoints[0].versions[0].${key}: expected a positive integer, got 0`);
            }
            fails(one({ scoringTimeoutMs: "60s" }), `endpoints[0].versions[0].scoringTimeoutMs: expected a positive integer, got "60s"`);
            fails(one({ enableAppInsights: 1 }), "endpoints[0].versions[0].enableAppInsights: expected true or false, got 1");
        });

        it("tags reserved for the rollout roles, and unknown keys", () => {
            for (const tag of ["versionType", "isDefault", "versionName"]) {
                fails(one({ tags: { [tag]: "x" } }),
                    `endpoints[0].versions[0].tags.${tag}: is set by the rollout (from versionName, isControlVersionType and isDefault); remove it`);
            }
            fails(one({ cpu_cores: 1 }), "endpoints[0].versions[0].cpu_cores: unknown key; did you mean cpuCores?");
        });
    });
});

// The `aks-ml-serving:endpoints` sections proposed for Pulumi.dev.yaml / Pulumi.prod.yaml (issue 4),
// verbatim, and the wiring proposed for infra/program.ts (after the workspace and the attachment).
const DEV_YAML = `
config:
  aks-ml-serving:endpoints:
    - name: churn-dev
      description: Churn scoring, dev smoke service (model and code registered from this repo)
      versions:
        - versionName: blue
          model: examples/churn/model
          code: examples/churn/score
          entryScript: score.py
          image: mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest
          instanceType: defaultinstancetype
          numReplicas: 1
`;

const PROD_YAML = `
config:
  aks-ml-serving:endpoints:
    - name: churn-prod
      authMode: key
      description: Churn scoring, controlled rollout (control churn:3, treatment churn:4 on GPU)
      tags:
        owner: risk-analytics
      versions:
        - versionName: churn-v3
          isControlVersionType: true
          isDefault: true
          trafficPercentile: 80
          model: azureml:churn:3
          environment: azureml:churn-sklearn:1
          code: azureml:churn-score:1
          entryScript: score.py
          instanceType: defaultinstancetype
          cpuCores: 0.5
          cpuCoresLimit: 1
          memoryGb: 1
          memoryGbLimit: 2
          autoscaleMinReplicas: 3
          autoscaleMaxReplicas: 10
          enableAppInsights: true
          tags:
            modelVersion: "3"
        - versionName: churn-v4
          trafficPercentile: 20
          model: azureml:churn:4
          environment: azureml:churn-pytorch-gpu:1
          code: azureml:churn-score:2
          entryScript: score.py
          instanceType: gpu
          gpuCores: 1
          cpuCores: 1
          cpuCoresLimit: 2
          memoryGb: 4
          memoryGbLimit: 8
          autoscaleMinReplicas: 1
          autoscaleMaxReplicas: 2
          enableAppInsights: true
          tags:
            modelVersion: "4"
`;

const WS_ID = "/subscriptions/0000/resourceGroups/rg-aksml-prod/providers/Microsoft.MachineLearningServices/workspaces/mlw";

/** The proposed wiring; `workspace` and `attachment` stand for the Workspace and WorkspaceAttachment components. */
function wire(prefix: string, rawEndpoints: unknown, location: string,
    workspace: { workspaceName: pulumi.Input<string>; resourceGroupName: pulumi.Input<string>; workspaceId: pulumi.Input<string> },
    attachment: { computeId: pulumi.Input<string>; instanceTypes: string[] }) {
    const endpointConfigs = parseEndpoints(rawEndpoints, { instanceTypes: attachment.instanceTypes });
    const wsRef = { workspaceName: workspace.workspaceName, resourceGroupName: workspace.resourceGroupName };
    const assets = endpointConfigs.some(usesLocalFiles) ? new WorkspaceAssets(`${prefix}-assets`, { ...wsRef, storage: workspaceBlobStore(wsRef) }) : undefined;
    const endpoints = endpointConfigs.map((ep) => new ModelEndpoint(`${prefix}-ep-${ep.name}`, {
        ...wsRef,
        workspaceId: workspace.workspaceId,
        location,
        computeId: attachment.computeId,
        endpoint: ep,
        assets: usesLocalFiles(ep) ? assets : undefined,
    }));
    return {
        endpoints: Object.fromEntries(endpoints.map((e) => [e.endpointName, { scoringUri: e.scoringUri, swaggerUri: e.swaggerUri, traffic: e.traffic }])),
        endpointKeys: pulumi.secret(Object.fromEntries(endpoints.filter((e) => e.primaryKey)
            .map((e) => [e.endpointName, { primaryKey: e.primaryKey!, secondaryKey: e.secondaryKey! }]))),
    };
}

const raw = (text: string) => YAML.parse(text).config["aks-ml-serving:endpoints"];
const T = {
    endpoint: "azure-native:machinelearningservices:OnlineEndpoint",
    deployment: "azure-native:machinelearningservices:OnlineDeployment",
    applier: "azure-native:resources:Deployment",
    modelVersion: "azure-native:machinelearningservices:ModelVersion",
};
const call = (token: string) => token === "azure-native:machinelearningservices:getDatastore"
    ? { properties: { datastoreType: "AzureBlob", accountName: "stmlwdev", containerName: "azureml-blobstore-guid" } }
    : token === "azure-native:machinelearningservices:listOnlineEndpointKeys" ? { primaryKey: "pk", secondaryKey: "sk" } : undefined;

for (const preview of [true, false]) {
    describe(`endpoints stack examples (${preview ? "preview" : "update"})`, () => {
        it("prod: one endpoint, >= 2 deployments, exactly one Control, traffic 80/20 applied after every deployment it names", async () => {
            const run = await record(() => wire("aksml-prod", raw(PROD_YAML), "westeurope",
                { workspaceName: "mlw", resourceGroupName: "rg-aksml-prod", workspaceId: WS_ID },
                { computeId: `${WS_ID}/computes/aks-prod`, instanceTypes: ["defaultinstancetype", "gpu"] }), { preview, call, stack: "prod" });
            assert.strictEqual(run.all(T.endpoint).length, 1);
            const deps = run.all(T.deployment);
            assert.ok(deps.length >= 2);
            assert.deepStrictEqual(deps.filter((d) => d.inputs.tags.versionType === "Control").map((d) => d.inputs.tags.versionName), ["churn-v3"]);
            const applier = run.get(T.applier);
            const traffic = applier.inputs.properties.parameters.properties.value.traffic;
            assert.deepStrictEqual(traffic, {
                [deploymentName({ versionName: "churn-v3", instanceType: "defaultinstancetype" })]: 80,
                [deploymentName({ versionName: "churn-v4", instanceType: "gpu" })]: 20,
            });
            for (const name of Object.keys(traffic)) {
                const d = deps.find((x) => x.inputs.deploymentName === name)!;
                assert.ok(applier.dependencies.includes(d.urn), `the applier waits for ${name}`);
            }
            assert.strictEqual(run.get(T.endpoint).inputs.properties.compute, `${WS_ID}/computes/aks-prod`);
            const gpu = deps.find((d) => d.inputs.properties.instanceType === "gpu")!;
            assert.strictEqual(gpu.inputs.properties.codeConfiguration.codeId, `${WS_ID}/codes/churn-score/versions/2`);

            const out = run.result;
            assert.deepStrictEqual(Object.keys(out.endpoints), ["churn-prod"]);
            assert.deepStrictEqual(await new Promise((r) => out.endpoints["churn-prod"].traffic.apply(r)), { "churn-v3": 80, "churn-v4": 20 });
            assert.strictEqual(await out.endpointKeys.isSecret, true);
        });

        it("dev: one endpoint with one version (the plain web service), model and code registered from local files", async () => {
            const run = await record(() => wire("aksml-dev", raw(DEV_YAML), "westeurope",
                { workspaceName: "mlw-aksml-dev", resourceGroupName: "rg-aksml-dev", workspaceId: WS_ID },
                { computeId: `${WS_ID}/computes/aks-dev`, instanceTypes: ["defaultinstancetype"] }), { preview, call, stack: "dev" });
            const [d] = run.all(T.deployment);
            assert.strictEqual(run.all(T.deployment).length, 1);
            assert.deepStrictEqual(d.inputs.sku, { name: "Default", capacity: 1 });
            assert.strictEqual(run.get(T.modelVersion).inputs.name, "churn-model");
            const env = run.get("azure-native:machinelearningservices:EnvironmentVersion");
            assert.deepStrictEqual([env.inputs.name, env.inputs.properties.image],
                ["aksml-environment", "mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest"]);
            assert.ok(d.propertyDependencies.properties.includes(env.urn), "the deployment uses the registered environment");
            assert.deepStrictEqual(run.get(T.applier).inputs.properties.parameters.properties.value.traffic, { [d.inputs.deploymentName]: 100 });
            if (!preview) {
                const blobs = run.all("azure-native:storage:Blob");
                assert.ok(blobs.length > 0 && blobs.every((b) => b.inputs.accountName === "stmlwdev" && b.inputs.containerName === "azureml-blobstore-guid"));
                const keys = run.get("pulumi:pulumi:Stack").outputs!.endpointKeys;
                assert.ok(isSecret(keys), "the stack output endpointKeys is a secret on the wire");
                assert.deepStrictEqual(keys.value, { "churn-dev": { primaryKey: "pk", secondaryKey: "sk" } });
                assert.ok(!JSON.stringify(run.get("pulumi:pulumi:Stack").outputs!.endpoints).includes("pk"), "no key among the plain outputs");
            }
        });
    });
}
