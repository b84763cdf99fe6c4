import * as assert from "assert";
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { contentHash, WorkspaceAssets } from "../../components/modelAssets";
import {
    deploymentName, EndpointConfig, ENDPOINT_API_VERSION, ModelEndpoint, ModelEndpointArgs, msDuration, resourceRequirements,
    TRAFFIC_TEMPLATE, usesLocalFiles, VersionConfig,
} from "../../components/modelEndpoint";
import { isSecret, Recorded, record, RunResult, UNKNOWN } from "../../tools/lib/recorder";

const T = {
    component: "aks-ml:index:ModelEndpoint",
    endpoint: "azure-native:machinelearningservices:OnlineEndpoint",
    deployment: "azure-native:machinelearningservices:OnlineDeployment",
    applier: "azure-native:resources:Deployment",
    assets: "aks-ml:index:ModelAssets",
    modelVersion: "azure-native:machinelearningservices:ModelVersion",
};
const KEYS_TOKEN = "azure-native:machinelearningservices:listOnlineEndpointKeys";
const COMPUTE_ID = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw/computes/aks-prod";

/** A version with the SDK v1 defaults (as parseEndpoints produces them). */
function version(versionName: string, more: Partial<VersionConfig> = {}): VersionConfig {
    return {
        versionName,
        model: { id: "azureml:churn:3" },
        environment: { id: "azureml:sklearn-env:1" },
        code: { id: "azureml:churn-score:1" },
        entryScript: "score.py",
        instanceType: "defaultinstancetype",
        cpuCores: 0.1,
        memoryGb: 0.5,
        gpuCores: 0,
        scale: { autoscale: true, minReplicas: 1, maxReplicas: 10, targetUtilization: 70, refreshSeconds: 1 },
        scoringTimeoutMs: 60000,
        replicaMaxConcurrentRequests: 1,
        maxRequestWaitTime: 500,
        livenessProbe: { periodSeconds: 10, initialDelaySeconds: 310, timeoutSeconds: 2, successThreshold: 1, failureThreshold: 3 },
        enableAppInsights: false,
        isDefault: false,
        isControlVersionType: false,
        tags: {},
        ...more,
    };
}

const webService: EndpointConfig = { name: "churn", authMode: "key", tags: { team: "risk" }, versions: [version("blue")] };
const abTest: EndpointConfig = {
    name: "churn",
    authMode: "key",
    description: "churn A/B",
    tags: {},
    versions: [
        version("control", { isControlVersionType: true, tags: { model: "3" } }),
        version("treatment", { trafficPercentile: 20, model: { id: "azureml:churn:4" }, instanceType: "gpu", gpuCores: 1 }),
        version("shadow", { trafficPercentile: 0, model: { id: "azureml:churn:5" } }),
    ],
};

const base = { workspaceName: "mlw", resourceGroupName: "rg-ml", location: "westeurope", computeId: COMPUTE_ID };

function program(endpoint: EndpointConfig, more: Partial<ModelEndpointArgs> = {}) {
    return () => {
        const m = new ModelEndpoint("churn", {
            workspaceName: "mlw", resourceGroupName: "rg-ml", location: "westeurope", computeId: COMPUTE_ID, endpoint, ...more,
        });
        return m; // its outputs are read from the component (a resource is not registered as stack outputs)
    };
}

const keysCalls: Record<string, any>[] = [];
function run(endpoint: EndpointConfig, preview: boolean, more: Partial<ModelEndpointArgs> = {}) {
    return record(program(endpoint, more), {
        preview,
        outputs: (r) => r.type === T.endpoint
            ? { name: r.inputs.endpointName, properties: { ...r.inputs.properties, scoringUri: `https://10.0.0.4/api/v1/endpoint/${r.inputs.endpointName}/score`, swaggerUri: "https://10.0.0.4/swagger.json" } }
            : {},
        call: (token, args) => {
            if (token !== KEYS_TOKEN) return undefined;
            keysCalls.push(args);
            return { primaryKey: "pk-secret", secondaryKey: "sk-secret" };
        },
    });
}

function value<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => { resolve(v); return v; }));
}

function deploymentsOf(r: RunResult<unknown>): Recorded[] {
    return [...r.all(T.deployment)].sort((a, b) => a.name.localeCompare(b.name)); // registration order is not program order
}

describe("modelEndpoint: pure helpers", () => {
    it("deploymentName: version name plus a 6-hex hash of the instance type", () => {
        const a = deploymentName({ versionName: "blue", instanceType: "defaultinstancetype" });
        assert.match(a, /^blue-[0-9a-f]{6}$/);
        assert.strictEqual(deploymentName({ versionName: "blue", instanceType: "defaultinstancetype" }), a);
        assert.notStrictEqual(deploymentName({ versionName: "blue", instanceType: "gpu" }), a);
        assert.ok(deploymentName({ versionName: "a".repeat(25), instanceType: "gpu" }).length <= 32, "fits ARM's 32 characters");
    });

    it("usesLocalFiles: only paths and images need the workspace storage", () => {
        assert.strictEqual(usesLocalFiles(abTest), false);
        assert.strictEqual(usesLocalFiles({ ...webService, versions: [version("a"), version("b", { model: { path: "m" } })] }), true);
        assert.strictEqual(usesLocalFiles({ ...webService, versions: [version("a", { code: { path: "src" } })] }), true);
        assert.strictEqual(usesLocalFiles({ ...webService, versions: [version("a", { environment: { image: "img:1" } })] }), true);
    });

    it("msDuration: milliseconds as ISO 8601", () => {
        assert.strictEqual(msDuration(60000), "PT60S");
        assert.strictEqual(msDuration(500), "PT0.5S");
        assert.strictEqual(msDuration(1), "PT0.001S");
    });

    it("resourceRequirements: requests in millicores/MiB, limits only when set, GPUs in limits only", () => {
        assert.deepStrictEqual(resourceRequirements(version("a")), {
            containerResourceRequests: { cpu: "100m", memory: "512Mi" }, containerResourceLimits: undefined,
        });
        assert.deepStrictEqual(resourceRequirements(version("a", { cpuCores: 0.5, cpuCoresLimit: 2, memoryGb: 1, memoryGbLimit: 4, gpuCores: 1 })), {
            containerResourceRequests: { cpu: "500m", memory: "1024Mi" },
            containerResourceLimits: { cpu: "2000m", memory: "4096Mi", gpu: "1" },
        });
        assert.deepStrictEqual(resourceRequirements(version("a", { memoryGbLimit: 1 })).containerResourceLimits,
            { cpu: undefined, memory: "1024Mi", gpu: undefined });
    });
});

describe("ModelEndpoint component", () => {
    for (const preview of [true, false]) {
        describe(preview ? "preview" : "update", () => {
            it("a single version (the plain web service): endpoint without traffic, one deployment, traffic applier", async () => {
                const r = await run(webService, preview);
                const comp = r.get(T.component, "churn");
                const ep = r.get(T.endpoint, "churn-endpoint");
                const [dep] = deploymentsOf(r);
                const applier = r.get(T.applier, "churn-traffic");
                for (const x of [ep, dep, applier]) assert.strictEqual(x.parent, comp.urn, `${x.name} is a child`);

                assert.deepStrictEqual(ep.inputs, {
                    workspaceName: "mlw", resourceGroupName: "rg-ml", endpointName: "churn", location: "westeurope", kind: "Kubernetes",
                    identity: { type: "SystemAssigned" }, tags: { team: "risk" },
                    properties: { authMode: "Key", compute: COMPUTE_ID, publicNetworkAccess: "Enabled", traffic: {} },
                });
                assert.deepStrictEqual(ep.ignoreChanges, ["properties", "tags", "identity"]);

                const armName = deploymentName(version("blue"));
                assert.strictEqual(dep.name, "churn-blue");
                assert.deepStrictEqual(dep.inputs, {
                    workspaceName: "mlw", resourceGroupName: "rg-ml", location: "westeurope", endpointName: "churn", deploymentName: armName,
                    tags: { versionName: "blue", versionType: "Treatment", isDefault: "true" },
                    properties: {
                        endpointComputeType: "Kubernetes",
                        instanceType: "defaultinstancetype",
                        model: "azureml:churn:3",
                        environmentId: "azureml:sklearn-env:1",
                        codeConfiguration: { codeId: "azureml:churn-score:1", scoringScript: "score.py" },
                        appInsightsEnabled: false,
                        requestSettings: { requestTimeout: "PT60S", maxQueueWait: "PT0.5S", maxConcurrentRequestsPerInstance: 1 },
                        scaleSettings: { scaleType: "TargetUtilization", minInstances: 1, maxInstances: 10, targetUtilizationPercentage: 70, pollingInterval: "PT1S" },
                        livenessProbe: { period: "PT10S", initialDelay: "PT310S", timeout: "PT2S", successThreshold: 1, failureThreshold: 3 },
                        containerResourceRequirements: { containerResourceRequests: { cpu: "100m", memory: "512Mi" } },
                    },
                });

                assert.strictEqual(applier.inputs.resourceGroupName, "rg-ml");
                assert.strictEqual(applier.inputs.deploymentName, "churn-traffic");
                assert.strictEqual(applier.inputs.properties.mode, "Incremental");
                assert.deepStrictEqual(applier.inputs.properties.template, TRAFFIC_TEMPLATE);
                assert.deepStrictEqual(applier.inputs.properties.parameters.properties.value.traffic, { [armName]: 100 });

                // Ordering, from the recorded graph.
                assert.ok(dep.dependencies.includes(ep.urn), "the deployment waits for the endpoint");
                assert.strictEqual(dep.deletedWith, ep.urn);
                assert.deepStrictEqual([...applier.dependencies].sort(), [ep.urn, dep.urn].sort(), "the applier waits for the endpoint and the deployment");
                assert.deepStrictEqual(ep.dependencies, [], "the endpoint depends on nothing of ours");
            });

            it("control + treatments: roles tagged, map sums to 100, the applier depends on every deployment it names", async () => {
                const r = await run(abTest, preview);
                const ep = r.get(T.endpoint, "churn-endpoint");
                const applier = r.get(T.applier, "churn-traffic");
                const deps = deploymentsOf(r);
                assert.deepStrictEqual(deps.map((d) => [d.name, d.inputs.tags]), [
                    ["churn-control", { model: "3", versionName: "control", versionType: "Control", isDefault: "true" }],
                    ["churn-shadow", { versionName: "shadow", versionType: "Treatment", isDefault: "false" }],
                    ["churn-treatment", { versionName: "treatment", versionType: "Treatment", isDefault: "false" }],
                ]);
                assert.strictEqual(deps.filter((d) => d.inputs.tags.versionType === "Control").length, 1);

                const traffic: Record<string, number> = applier.inputs.properties.parameters.properties.value.traffic;
                assert.deepStrictEqual(traffic, {
                    [deploymentName(abTest.versions[0])]: 80, [deploymentName(abTest.versions[1])]: 20, [deploymentName(abTest.versions[2])]: 0,
                });
                assert.strictEqual(Object.values(traffic).reduce((a, b) => a + b, 0), 100);
                for (const armName of Object.keys(traffic)) {
                    const named = deps.filter((d) => d.inputs.deploymentName === armName);
                    assert.strictEqual(named.length, 1, `${armName} is a registered deployment`);
                    assert.ok(applier.dependencies.includes(named[0].urn), `the applier waits for ${armName}`);
                }
                for (const d of deps) {
                    assert.ok(d.dependencies.includes(ep.urn));
                    assert.ok(!ep.dependencies.includes(d.urn));
                    assert.strictEqual(d.deletedWith, ep.urn, "deleted with the endpoint, never before it");
                    assert.deepStrictEqual(d.replaceOnChanges, ["properties.instanceType"]);
                    assert.strictEqual(d.deleteBeforeReplace, false, "create-before-delete: traffic moves before the old one goes");
                }
                const gpu = r.get(T.deployment, "churn-treatment");
                assert.strictEqual(gpu.inputs.properties.instanceType, "gpu");
                // Azure ML accepts nvidia.com/gpu in limits only.
                assert.deepStrictEqual(gpu.inputs.properties.containerResourceRequirements.containerResourceRequests, { cpu: "100m", memory: "512Mi" });
                assert.strictEqual(gpu.inputs.properties.containerResourceRequirements.containerResourceLimits.gpu, "1");
                assert.strictEqual(gpu.inputs.properties.model, "azureml:churn:4");

                const traffics = await value(r.result.traffic);
                assert.deepStrictEqual(traffics, { control: 80, treatment: 20, shadow: 0 });
            });
        });
    }

    it("the applier PUTs exactly the endpoint's registered properties plus traffic, so an endpoint change re-runs it", async () => {
        for (const ep of [abTest, { ...abTest, description: "changed", tags: { owner: "ml" }, authMode: "amlToken" as const }]) {
            const r = await run(ep, true);
            const endpoint = r.get(T.endpoint).inputs;
            const p = r.get(T.applier).inputs.properties.parameters;
            assert.deepStrictEqual(
                { workspaceName: p.workspaceName.value, endpointName: p.endpointName.value, location: p.location.value, kind: p.kind.value,
                    identity: p.identity.value, tags: p.tags.value, properties: { ...p.properties.value, traffic: {} } },
                { workspaceName: endpoint.workspaceName, endpointName: endpoint.endpointName, location: endpoint.location, kind: endpoint.kind,
                    identity: endpoint.identity, tags: endpoint.tags, properties: endpoint.properties });
            assert.strictEqual(p.properties.value.description, ep.description);
        }
    });

    it("an edit of any endpoint property never PUTs the endpoint with empty traffic: only the applier writes it, with the traffic", async () => {
        // The engine's update diff with ignoreChanges (pkg/resource/deploy/step_generator.go,
        // processIgnoreChanges): the old input is replayed at every ignored path, then compared.
        const replay = (olds: any, news: any, ignored: string[]) => {
            const out = JSON.parse(JSON.stringify(news));
            for (const p of ignored) {
                const keys = p.split(".");
                let o = olds, n = out;
                for (const k of keys.slice(0, -1)) { o = o?.[k]; n = n[k] ??= {}; }
                const last = keys[keys.length - 1];
                if (o?.[last] === undefined) delete n[last]; else n[last] = JSON.parse(JSON.stringify(o[last]));
            }
            return out;
        };
        // Inputs whose change is a new endpoint (a replacement by name/scope/region/kind), not an edit.
        const REPLACES = ["workspaceName", "resourceGroupName", "endpointName", "location", "kind"];
        const edits: Record<string, (e: EndpointConfig, b: typeof base) => [EndpointConfig, typeof base]> = {
            description: (e, b) => [{ ...e, description: "changed" }, b],
            authMode: (e, b) => [{ ...e, authMode: "amlToken" }, b],
            tags: (e, b) => [{ ...e, tags: { team: "other" } }, b],
            compute: (e, b) => [e, { ...b, computeId: `${COMPUTE_ID}-2` }],
        };
        const at = (base0: typeof base, e: EndpointConfig) => record(() => new ModelEndpoint("churn", { ...base0, endpoint: e }), { preview: false });
        const before = await at(base, abTest);
        const ep0 = before.get(T.endpoint);
        // Every input of the endpoint is either replaced-on-change or ignored (never an in-place PUT).
        const covered = (path: string) => REPLACES.includes(path) || ep0.ignoreChanges.some((i) => path === i || path.startsWith(`${i}.`));
        const paths = Object.keys(ep0.inputs).flatMap((k) => k === "properties" ? Object.keys(ep0.inputs.properties).map((p) => `properties.${p}`) : [k]);
        assert.deepStrictEqual(paths.filter((p) => !covered(p)), [], "inputs an edit would PUT with the replayed traffic {}");
        for (const [what, edit] of Object.entries(edits)) {
            const [e, b] = edit(abTest, base);
            const after = await at(b, e);
            const ep1 = after.get(T.endpoint);
            assert.notDeepStrictEqual(ep1.inputs, ep0.inputs, `${what}: the edit reaches the registration`);
            assert.deepStrictEqual(replay(ep0.inputs, ep1.inputs, ep1.ignoreChanges), ep0.inputs, `${what}: no update of the endpoint itself`);
            const params = (r: RunResult<unknown>) => r.get(T.applier).inputs.properties.parameters;
            assert.notDeepStrictEqual(params(after), params(before), `${what}: the applier carries the edit`);
            const traffic = params(after).properties.value.traffic;
            assert.strictEqual(Object.values(traffic as Record<string, number>).reduce((x, y) => x + y, 0), 100, `${what}: with the full traffic`);
        }
    });

    it("the template is a parameterised PUT of the endpoint (no user text is ever an ARM expression)", () => {
        const [res] = TRAFFIC_TEMPLATE.resources;
        assert.strictEqual(res.type, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints");
        assert.strictEqual(res.apiVersion, ENDPOINT_API_VERSION);
        for (const [k, v] of Object.entries(res)) {
            if (k !== "type" && k !== "apiVersion") assert.match(String(v), /^\[(format\('\{0\}\/\{1\}', )?parameters\('\w+'\)/, k);
        }
        assert.deepStrictEqual(Object.keys(TRAFFIC_TEMPLATE.parameters).sort(),
            ["endpointName", "identity", "kind", "location", "properties", "tags", "workspaceName"]);
    });

    it("removing a version: the program no longer registers its deployment, and the new map does not name it", async () => {
        const before = await run(abTest, false);
        const removed = before.get(T.deployment, "churn-shadow").inputs.deploymentName;
        const after = await run({ ...abTest, versions: abTest.versions.slice(0, 2) }, false);
        assert.deepStrictEqual(deploymentsOf(after).map((d) => d.name), ["churn-control", "churn-treatment"]);
        const traffic = after.get(T.applier).inputs.properties.parameters.properties.value.traffic;
        assert.ok(!(removed in traffic), "traffic moved away (the engine deletes unregistered resources after every update)");
        assert.strictEqual(Object.values(traffic).reduce((a: number, b) => a + (b as number), 0), 100);
        assert.ok(!after.get(T.applier).dependencies.includes(before.get(T.deployment, "churn-shadow").urn));
    });

    it("changing a version's instance type: same logical resource, new ARM name, traffic follows the new name", async () => {
        const before = await run(webService, true);
        const moved = { ...webService, versions: [version("blue", { instanceType: "gpu" })] };
        const after = await run(moved, true);
        const [b, a] = [before.get(T.deployment, "churn-blue"), after.get(T.deployment, "churn-blue")];
        assert.strictEqual(a.urn, b.urn, "a replacement of the same resource, not a new one");
        assert.notStrictEqual(a.inputs.deploymentName, b.inputs.deploymentName);
        assert.deepStrictEqual(after.get(T.applier).inputs.properties.parameters.properties.value.traffic, { [a.inputs.deploymentName]: 100 });
    });

    it("with the workspace's ARM ID, azureml:<name>:<version> shorthands become ARM IDs; registry IDs and labels pass through", async () => {
        const wsId = "/subscriptions/0000/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw";
        const ep = { ...webService, versions: [version("blue", {
            environment: { id: "azureml://registries/azureml/environments/sklearn-1.5/versions/1" }, code: { id: "azureml:churn-score@latest" },
        })] };
        for (const preview of [true, false]) {
            const p = (await run(ep, preview, { workspaceId: wsId })).get(T.deployment).inputs.properties;
            assert.strictEqual(p.model, `${wsId}/models/churn/versions/3`);
            assert.strictEqual(p.environmentId, "azureml://registries/azureml/environments/sklearn-1.5/versions/1");
            assert.strictEqual(p.codeConfiguration.codeId, "azureml:churn-score@latest");
        }
        const p = (await run(abTest, true, { workspaceId: wsId })).get(T.deployment, "churn-control").inputs.properties;
        assert.deepStrictEqual([p.environmentId, p.codeConfiguration.codeId],
            [`${wsId}/environments/sklearn-env/versions/1`, `${wsId}/codes/churn-score/versions/1`]);
    });

    it("fixed replicas: Default scale settings and the replica count as sku capacity", async () => {
        const r = await run({ ...webService, versions: [version("blue", { scale: { autoscale: false, replicas: 3 } })] }, true);
        const d = r.get(T.deployment);
        assert.deepStrictEqual(d.inputs.properties.scaleSettings, { scaleType: "Default" });
        assert.deepStrictEqual(d.inputs.sku, { name: "Default", capacity: 3 });
    });

    it("key auth: keys are fetched after the endpoint exists and are secret", async () => {
        const preview = await run(webService, true);
        const cp = preview.get(T.component).outputs!;
        assert.strictEqual(cp.primaryKey, UNKNOWN, "unknown in preview: the invoke waits for the endpoint");

        keysCalls.length = 0;
        const r = await run(webService, false);
        assert.deepStrictEqual(keysCalls, [{ workspaceName: "mlw", resourceGroupName: "rg-ml", endpointName: "churn" }]);
        const out = r.get(T.component).outputs!;
        assert.ok(isSecret(out.primaryKey) && out.primaryKey.value === "pk-secret", "primaryKey is a secret on the wire");
        assert.ok(isSecret(out.secondaryKey) && out.secondaryKey.value === "sk-secret", "secondaryKey is a secret on the wire");
        assert.strictEqual(await (r.result.primaryKey as any).isSecret, true);
        assert.strictEqual(await value(r.result.scoringUri), "https://10.0.0.4/api/v1/endpoint/churn/score");
        assert.ok(!isSecret(out.scoringUri), "the URI is not secret");
    });

    it("amlToken auth: AMLToken mode, no keys fetched or exported", async () => {
        keysCalls.length = 0;
        const r = await run({ ...webService, authMode: "amlToken" }, false);
        assert.strictEqual(r.get(T.endpoint).inputs.properties.authMode, "AMLToken");
        assert.deepStrictEqual(keysCalls, []);
        assert.strictEqual(r.result.primaryKey, undefined);
        assert.ok(!("primaryKey" in r.get(T.component).outputs!));
    });

    it("local model files are registered through the workspace's registry and the deployment uses the version", async () => {
        const local = { ...webService, versions: [version("blue", { model: { path: "examples/churn/model" }, code: { path: "examples/churn/score" } })] };
        const storage = { storageAccountName: "stmlw", storageResourceGroupName: "rg-ml", containerName: "azureml-blobstore-1" };
        const r = await record(() => {
            const assets = new WorkspaceAssets("ws-assets", { workspaceName: "mlw", resourceGroupName: "rg-ml", storage });
            return new ModelEndpoint("churn", { ...base, endpoint: local, assets });
        }, { preview: true });
        const hash = contentHash("examples/churn/model");
        const a = r.get(T.assets, `ws-assets-model-${hash}`);
        assert.strictEqual(a.parent, r.get("aks-ml:index:WorkspaceAssets").urn);
        const mv = r.get(T.modelVersion);
        assert.deepStrictEqual([mv.inputs.name, mv.inputs.version], ["churn-model", hash]);
        const d = r.get(T.deployment);
        assert.strictEqual(d.inputs.properties.model, UNKNOWN, "the new version's ID is unknown in preview");
        assert.strictEqual(d.inputs.properties.environmentId, "azureml:sklearn-env:1", "asset IDs pass through");
        assert.ok(d.propertyDependencies.properties.includes(mv.urn), "the deployment waits for the model version");
        assert.ok(d.propertyDependencies.properties.includes(r.get("azure-native:machinelearningservices:CodeVersion").urn));
    });

    it("the same files used by two versions of two endpoints are uploaded and registered once (content-addressed)", async () => {
        const v = (name: string, more: Partial<VersionConfig> = {}) => version(name, {
            model: { path: "examples/churn/model" }, code: { path: "examples/churn/score" },
            environment: { image: "mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest" }, ...more });
        const ab = { ...abTest, versions: [v("control", { isControlVersionType: true }), v("treatment", { trafficPercentile: 50 })] };
        const storage = { storageAccountName: "stmlw", storageResourceGroupName: "rg-ml", containerName: "azureml-blobstore-1" };
        const r = await record(() => {
            const assets = new WorkspaceAssets("ws-assets", { workspaceName: "mlw", resourceGroupName: "rg-ml", storage });
            new ModelEndpoint("one", { ...base, endpoint: { ...ab, name: "churn-a" }, assets });
            new ModelEndpoint("two", { ...base, endpoint: { ...webService, name: "churn-b", versions: [v("blue")] }, assets });
        }, { preview: false });
        for (const type of [T.modelVersion, "azure-native:machinelearningservices:CodeVersion", "azure-native:machinelearningservices:EnvironmentVersion"]) {
            assert.strictEqual(r.all(type).length, 1, `${type} registered once`);
        }
        const files = (dir: string) => fs.readdirSync(dir).filter((f: string) => !f.startsWith(".")).length;
        assert.strictEqual(r.all("azure-native:storage:Blob").length, 2 /* model.pkl, meta/params.json */ + files("examples/churn/score"));
        const models = new Set(r.all(T.deployment).map((d) => d.inputs.properties.model));
        assert.strictEqual(r.all(T.deployment).length, 3);
        assert.strictEqual(models.size, 1, "every deployment uses the one registered model version");
    });

    it("local files without storage: a resource error naming the endpoint and version", async () => {
        const local = { ...webService, versions: [version("blue", { model: { path: "examples/churn/model" }, environment: { image: "img:1" } })] };
        await assert.rejects(run(local, true), (e: Error) => {
            assert.ok(e instanceof pulumi.ResourceError);
            assert.strictEqual(e.message, `endpoint "churn" version "blue": model, environment from local files need the workspace's storage: pass assets`);
            return true;
        });
    });

    it("a broken rollout is a resource error naming the version", async () => {
        const bad = { ...abTest, versions: [version("a", { isDefault: true }), version("b", { isDefault: true })] };
        await assert.rejects(run(bad, true), (e: Error) => {
            assert.ok(e instanceof pulumi.ResourceError);
            assert.strictEqual(e.message, `endpoint "churn": versions[1].isDefault: only one version may be the default; "a" already is`);
            return true;
        });
    });
});
