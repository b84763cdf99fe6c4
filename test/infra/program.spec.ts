// The stack program as `pulumi preview` (preview) and `pulumi up` (update) run it for dev and prod:
// what is registered, in which order, and what the stack exports.
import * as assert from "assert";
import { isSecret, Recorded, RunResult, UNKNOWN } from "../../tools/lib/recorder";
import { stackRun } from "../helpers/stacks";

const T = {
    cluster: "azure-native:containerservice:ManagedCluster",
    extension: "azure-native:kubernetesconfiguration:Extension",
    compute: "azure-native:machinelearningservices:Compute",
    workspace: "azure-native:machinelearningservices:Workspace",
    endpoint: "azure-native:machinelearningservices:OnlineEndpoint",
    deployment: "azure-native:machinelearningservices:OnlineDeployment",
    traffic: "azure-native:resources:Deployment",
    script: "azure-native:resources:AzureCliScript",
};

/** InstanceType objects the deployment script applies, by name. */
function instanceTypes(run: RunResult<unknown>): Record<string, any> {
    const v = run.get(T.script).inputs.environmentVariables.find((e: any) => e.name === "AKSML_CLUSTER_OBJECTS").value;
    return Object.fromEntries(JSON.parse(v).items.filter((o: any) => o.kind === "InstanceType").map((o: any) => [o.metadata.name, o.spec]));
}

function dependsOn(r: Recorded, on: Recorded): boolean {
    return r.dependencies.includes(on.urn);
}

function stackOutputs(run: RunResult<unknown>): Record<string, any> {
    return run.get("pulumi:pulumi:Stack").outputs ?? {};
}

for (const preview of [true, false]) {
    describe(`stack program (${preview ? "preview" : "update"} mode)`, () => {
        it("prod: FastProd extension with inference on and insecure connections off, TLS by protected settings, compute after cluster and extension, GPU instance type", async () => {
            const run = await stackRun("prod", { preview });
            const ext = run.get(T.extension);
            const compute = run.get(T.compute);
            const s = ext.inputs.configurationSettings;
            assert.deepStrictEqual([s.enableInference, s.clusterPurpose, s.allowInsecureConnections, s.inferenceRouterHA, s.installNvidiaDevicePlugin],
                ["True", "FastProd", "False", "True", "True"]);
            // TLS by the protected-settings PEM path (nothing has to exist in `azureml` before the extension).
            assert.strictEqual(s.sslSecret, undefined);
            assert.strictEqual(s.sslCname, "ml.example.com");
            assert.ok(isSecret(ext.raw.configurationProtectedSettings) || ext.raw.configurationProtectedSettings === UNKNOWN);
            assert.ok(dependsOn(compute, ext), "compute is created after the extension");
            assert.ok(dependsOn(compute, run.get(T.cluster)), "compute depends on the cluster");
            assert.ok(dependsOn(compute, run.get(T.workspace)), "compute depends on the workspace");
            const types = instanceTypes(run);
            assert.deepStrictEqual(Object.keys(types), ["defaultinstancetype", "gpu"]);
            assert.strictEqual(types.gpu.resources.limits["nvidia.com/gpu"], "1");
            assert.deepStrictEqual(types.gpu.nodeSelector, { "aksml.io/pool": "gpu", "aksml.io/accelerator": "gpu" });
            assert.deepStrictEqual(types.defaultinstancetype.nodeSelector, { "aksml.io/pool": "system" });
            // Every deployment waits for the instance types to exist in the cluster.
            for (const d of run.all(T.deployment)) assert.ok(dependsOn(d, run.get(T.script)), `${d.name} after the InstanceTypes`);
            assert.strictEqual(run.get(T.workspace).protect, true);
        });

        it("dev: the DevTest extension over HTTP, one router replica, default instance type only", async () => {
            const run = await stackRun("dev", { preview });
            const s = run.get(T.extension).inputs.configurationSettings;
            assert.deepStrictEqual([s.clusterPurpose, s.allowInsecureConnections, s.inferenceRouterHA, s.installNvidiaDevicePlugin], ["DevTest", "True", "False", "False"]);
            const props = run.get(T.compute).inputs.properties.properties;
            assert.deepStrictEqual([Object.keys(instanceTypes(run)), props.namespace], [["defaultinstancetype"], "models"]);
            assert.strictEqual(run.get(T.script).protect, false, "deleting the script never deletes the objects");
            for (const d of run.all(T.deployment)) assert.ok(dependsOn(d, run.get(T.script)));
        });

        it("prod: an endpoint with a control and a treatment; traffic 80/20 applied after every deployment exists", async () => {
            const run = await stackRun("prod", { preview });
            const endpoint = run.get(T.endpoint);
            const deployments = run.all(T.deployment);
            assert.strictEqual(deployments.length, 2);
            assert.deepStrictEqual(deployments.map((d) => d.inputs.tags.versionType).sort(), ["Control", "Treatment"]);
            assert.deepStrictEqual(endpoint.inputs.properties.traffic, {}, "the endpoint is created without traffic");
            assert.strictEqual(endpoint.inputs.properties.authMode, "Key", "known at preview: policies can read it");
            assert.ok(dependsOn(endpoint, run.get(T.compute)), "the endpoint waits for the compute");
            const applier = run.get(T.traffic);
            const traffic = applier.inputs.properties.parameters.properties.value.traffic;
            assert.strictEqual(Object.values(traffic as Record<string, number>).reduce((a, b) => a + b, 0), 100);
            assert.deepStrictEqual(Object.values(traffic).sort(), [20, 80]);
            for (const d of deployments) {
                assert.ok(dependsOn(applier, d), `traffic waits for ${d.name}`);
                assert.ok(d.inputs.deploymentName in traffic, `traffic names ${d.inputs.deploymentName}`);
                assert.ok(dependsOn(d, endpoint));
            }
        });

        it("exports each endpoint's URIs and traffic, and its keys only as a secret", async () => {
            const run = await stackRun("prod", { preview });
            const out = stackOutputs(run);
            assert.deepStrictEqual(out.endpoints["churn-prod"].traffic, { "churn-v3": 80, "churn-v4": 20 });
            assert.ok(isSecret(out.endpointKeys) || out.endpointKeys === UNKNOWN, "keys are secret");
            assert.ok(isSecret(out.kubeconfig) || out.kubeconfig === UNKNOWN, "kubeconfig is secret");
            assert.strictEqual(out.adminKubeconfig, undefined, "no cluster-admin credential unless cluster.exportAdminKubeconfig");
            if (!preview) {
                assert.strictEqual(out.endpoints["churn-prod"].scoringUri, "https://churn-prod.westeurope.inference.ml.azure.com/score");
                assert.deepStrictEqual(out.endpointKeys.value, { "churn-prod": { primaryKey: "mock-primary-key", secondaryKey: "mock-secondary-key" } });
            }
            assert.deepStrictEqual([out.computeName, out.modelNamespace, out.clusterPurpose], ["aks-prod", "models", "FastProd"]);
        });

        it("prod: every asset a deployment names is registered by the stack from this repository (shared code and environment once)", async () => {
            const run = await stackRun("prod", { preview });
            assert.strictEqual(run.all("azure-native:machinelearningservices:ModelVersion").length, 2);
            assert.strictEqual(run.all("azure-native:machinelearningservices:CodeVersion").length, 1);
            assert.strictEqual(run.all("azure-native:machinelearningservices:EnvironmentVersion").length, 1);
            const registered = ["ModelVersion", "CodeVersion", "EnvironmentVersion"].map((t) => `azure-native:machinelearningservices:${t}`);
            for (const d of run.all(T.deployment)) {
                const p = d.inputs.properties;
                for (const ref of [p.model, p.environmentId, p.codeConfiguration.codeId]) assert.ok(!String(ref).startsWith("azureml:"), `${d.name}: ${ref}`);
                for (const type of registered) {
                    assert.ok(run.all(type).some((v) => d.propertyDependencies.properties.includes(v.urn)), `${d.name} uses a ${type} of this stack`);
                }
            }
        });

        it("dev: the web service registers its model and scoring code from the repository's files", async () => {
            const run = await stackRun("dev", { preview });
            assert.strictEqual(run.all(T.deployment).length, 1);
            assert.strictEqual(run.all("azure-native:machinelearningservices:ModelVersion").length, 1);
            assert.strictEqual(run.all("azure-native:machinelearningservices:CodeVersion").length, 1);
        });
    });
}
