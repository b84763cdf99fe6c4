import { deployment, Mode, MODES, res, trafficApplier, U, validStack } from "./fixtures";
import { assertCantRun, assertClean, assertMessages, assertOne, usePack } from "./helpers";

describe("policy pack: endpoint policies", () => {
    const pack = usePack();
    beforeEach(async () => pack().configure({}));

    describe("endpoint-auth (mandatory)", () => {
        for (const mode of MODES) {
            it(`${mode}: passes Key and AMLToken (any case)`, async () => {
                for (const m of ["Key", "AMLToken", "amltoken"]) {
                    assertClean(await pack().analyzeAll(validStack(mode).with("endpoint", (p) => (p.properties.authMode = m)).resources), "endpoint-auth");
                }
            });
            it(`${mode}: reports AADToken and a missing authMode`, async () => {
                const aad = validStack(mode).with("endpoint", (p) => (p.properties.authMode = "AADToken"));
                assertOne(await pack().analyzeAll(aad.resources), "endpoint-auth", "mandatory", 'properties.authMode is "AADToken"; use one of Key, AMLToken');
                const none = validStack(mode).with("endpoint", (p) => delete p.properties.authMode);
                assertOne(await pack().analyzeAll(none.resources), "endpoint-auth", "mandatory", "properties.authMode is not set; use one of Key, AMLToken");
            });
        }
        for (const mode of MODES) {
            it(`${mode}: checks the authMode an ARM template deployment PUTs`, async () => {
                assertClean(await pack().analyzeAll(validStack(mode).plus(trafficApplier(mode, { blue: 100 }, "AMLToken")).resources), "endpoint-auth");
                assertOne(await pack().analyzeAll(validStack(mode).plus(trafficApplier(mode, { blue: 100 }, "AADToken")).resources), "endpoint-auth", "mandatory",
                    'ARM template PUT of endpoint "scoring": properties.authMode is "AADToken"; use one of Key, AMLToken');
            });
        }
        it("reads the older input name onlineEndpointProperties too", async () => {
            const stack = validStack("known").with("endpoint", (p) => { p.onlineEndpointProperties = { ...p.properties, authMode: "AADToken" }; delete p.properties; });
            assertOne(await pack().analyzeAll(stack.resources), "endpoint-auth", "mandatory", 'onlineEndpointProperties.authMode is "AADToken"');
        });
        it("can't run when authMode is unknown", async () => {
            assertCantRun(await pack().analyzeAll(validStack("preview").with("endpoint", (p) => (p.properties.authMode = U)).resources), "endpoint-auth", "properties.authMode");
        });
    });

    describe("endpoint-traffic (mandatory)", () => {
        const withGreen = (mode: Mode, traffic: Record<string, unknown>) => validStack(mode)
            .plus(deployment(mode, "green")).with("endpoint", (p) => (p.properties.traffic = traffic));

        for (const mode of MODES) {
            it(`${mode}: passes 100 on one deployment, a 90/10 split, and no traffic at all`, async () => {
                assertClean(await pack().analyzeAll(validStack(mode).resources), "endpoint-traffic");
                assertClean(await pack().analyzeAll(withGreen(mode, { blue: 90, GREEN: 10 }).resources), "endpoint-traffic");
                assertClean(await pack().analyzeAll(withGreen(mode, {}).resources), "endpoint-traffic");
                assertClean(await pack().analyzeAll(validStack(mode).with("endpoint", (p) => delete p.properties.traffic).resources), "endpoint-traffic");
            });
            it(`${mode}: reports a sum other than 100`, async () => {
                assertOne(await pack().analyzeAll(withGreen(mode, { blue: 90, green: 20 }).resources), "endpoint-traffic", "mandatory",
                    'OnlineEndpoint "endpoint": properties.traffic sums to 110, not 100 (blue=90, green=20)');
            });
            it(`${mode}: reports traffic to a deployment that is not the endpoint's`, async () => {
                assertOne(await pack().analyzeAll(validStack(mode).with("endpoint", (p) => (p.properties.traffic = { blue: 50, red: 50 })).resources), "endpoint-traffic", "mandatory",
                    'OnlineEndpoint "endpoint": properties.traffic names deployment "red", which is not a deployment of this endpoint (its deployments: "blue")');
            });
        }
        for (const mode of MODES) {
            it(`${mode}: checks traffic PUT by an ARM template deployment (the rollout's traffic applier)`, async () => {
                const ok = validStack(mode).with("endpoint", (p) => (p.properties.traffic = {})).plus(trafficApplier(mode, { blue: 100 }));
                assertClean(await pack().analyzeAll(ok.resources), "endpoint-traffic");
                const short = validStack(mode).plus(trafficApplier(mode, { blue: 60 }));
                assertOne(await pack().analyzeAll(short.resources), "endpoint-traffic", "mandatory",
                    'Deployment "traffic" (ARM template PUT of endpoint "scoring"): properties.parameters.properties.value.traffic sums to 60, not 100 (blue=60)');
                const stranger = validStack(mode).plus(trafficApplier(mode, { blue: 50, red: 50 }));
                assertOne(await pack().analyzeAll(stranger.resources), "endpoint-traffic", "mandatory",
                    'properties.parameters.properties.value.traffic names deployment "red", which is not a deployment of this endpoint (its deployments: "blue")');
            });
        }
        it("can't run when the traffic an ARM template PUTs is unknown", async () => {
            assertCantRun(await pack().analyzeAll(validStack("preview").plus(trafficApplier("preview", U)).resources), "endpoint-traffic", "properties.parameters.properties.value.traffic");
        });
        it("can't run when a traffic weight is unknown", async () => {
            assertCantRun(await pack().analyzeAll(withGreen("preview", { blue: 90, green: U }).resources), "endpoint-traffic", "properties.traffic.green");
        });
    });

    describe("rollout-deployments (mandatory)", () => {
        const versions = (mode: Mode, n: number, controls = 1) => {
            let stack = validStack(mode).with("blue", (p) => (p.tags.versionType = controls > 0 ? "Control" : "Treatment"));
            for (let i = 2; i <= n; i++) stack = stack.plus(deployment(mode, `v${i}`, {}, { versionType: i <= controls ? "Control" : "Treatment" }));
            return stack;
        };

        for (const mode of MODES) {
            it(`${mode}: passes 6 deployments with one Control`, async () => {
                assertClean(await pack().analyzeAll(versions(mode, 6).resources), "rollout-deployments");
            });
            it(`${mode}: reports 7 deployments`, async () => {
                assertOne(await pack().analyzeAll(versions(mode, 7).resources), "rollout-deployments", "mandatory",
                    'OnlineEndpoint "endpoint" has 7 deployments (at most 6): "blue", "v2", "v3", "v4", "v5", "v6", "v7"');
            });
            it(`${mode}: reports two deployments tagged Control`, async () => {
                assertOne(await pack().analyzeAll(versions(mode, 3, 2).resources), "rollout-deployments", "mandatory",
                    'OnlineEndpoint "endpoint" has 2 deployments tagged versionType: Control (at most 1): "blue", "v2"');
            });
        }
        it("the limit is configurable", async () => {
            await pack().configure({ "rollout-deployments": { maxDeploymentsPerEndpoint: 2 } });
            assertOne(await pack().analyzeAll(versions("known", 3).resources), "rollout-deployments", "mandatory", "has 3 deployments (at most 2)");
            await pack().configure({});
        });
        it("can't run when a second deployment's tags are unknown and could make a second Control", async () => {
            const stack = validStack("preview").plus(deployment("preview", "v2")).with("v2", (_, r) => (r.properties.tags = U));
            assertCantRun(await pack().analyzeAll(stack.resources), "rollout-deployments", "tags");
        });
    });

    describe("gpu-instance-type (mandatory)", () => {
        const gpuRequest = { containerResourceRequirements: { containerResourceRequests: { gpu: "1" } } };

        for (const mode of MODES) {
            it(`${mode}: passes a GPU deployment on the "gpu" instance type (nodeSelector matches the GPU pool), and CPU deployments`, async () => {
                assertClean(await pack().analyzeAll(validStack(mode).resources), "gpu-instance-type");
                assertClean(await pack().analyzeAll(validStack(mode).plus(deployment(mode, "cpu-only")).resources), "gpu-instance-type");
            });
            it(`${mode}: reports a GPU request on the CPU instance type's pool and on the default instance type`, async () => {
                const cpu = validStack(mode).with("compute", (p) => (p.properties.properties.instanceTypes.cpu.nodeSelector = { agentpool: "system" }))
                    .plus(deployment(mode, "g", gpuRequest));
                assertOne(await pack().analyzeAll(cpu.resources), "gpu-instance-type", "mandatory",
                    'OnlineDeployment "g" requests GPUs but no GPU pool of ManagedCluster "aks" has the labels agentpool=system of instance type "cpu"');
                const dflt = validStack(mode).plus(deployment(mode, "g", { ...gpuRequest, instanceType: undefined }));
                assertOne(await pack().analyzeAll(dflt.resources), "gpu-instance-type", "mandatory",
                    'OnlineDeployment "g" requests GPUs but uses the default instance type, which has no GPU; set properties.instanceType');
            });
            it(`${mode}: reports a GPU instance type whose labels match no GPU pool, and one without nodeSelector`, async () => {
                const off = validStack(mode).with("aks", (p) => (p.agentPoolProfiles[1].nodeLabels = { accelerator: "other" }));
                assertOne(await pack().analyzeAll(off.resources), "gpu-instance-type", "mandatory", 'no GPU pool of ManagedCluster "aks" has the labels accelerator=nvidia-gpu of instance type "gpu"');
                const bare = validStack(mode).with("compute", (p) => delete p.properties.properties.instanceTypes.gpu.nodeSelector);
                assertOne(await pack().analyzeAll(bare.resources), "gpu-instance-type", "mandatory", 'instance type "gpu" (Compute "compute" instanceTypes) has no nodeSelector');
            });
        }
        it("reads instance types defined as InstanceType custom resources", async () => {
            const cr = res("kubernetes:amlarc.azureml.com/v1alpha1:InstanceType", "t4", { metadata: { name: "t4" }, spec: { nodeSelector: { accelerator: "t4" }, resources: { limits: { "nvidia.com/gpu": "1" } } } });
            const ds = await pack().analyzeAll(validStack("known").plus(cr).plus(deployment("known", "t", { instanceType: "t4" })).resources);
            assertMessages(ds, "gpu-instance-type", "mandatory", ['no GPU pool of ManagedCluster "aks" has the labels accelerator=t4 of instance type "t4"']);
        });
        it("can't run when the instance type is unknown", async () => {
            assertCantRun(await pack().analyzeAll(validStack("preview").with("blue", (p) => (p.properties.instanceType = U)).resources), "gpu-instance-type", "properties.instanceType");
        });
    });
});
