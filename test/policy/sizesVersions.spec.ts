// vm-size-current and kubernetes-version-supported (catalogs with dates in policy/rules), and
// gpu-instance-type reading the InstanceTypes that a deployment script applies through ARM.
import { deployment, MODES, res, T, U, validStack } from "./fixtures";
import { assertCantRun, assertClean, assertOne, usePack } from "./helpers";
import { CLUSTER_OBJECTS_ENV } from "../../policy/lib/types";

const SCRIPT = "azure-native:resources:AzureCliScript";
const objects = (gpu: string) => JSON.stringify({ apiVersion: "v1", kind: "List", items: [
    { apiVersion: "amlarc.azureml.com/v1alpha1", kind: "InstanceType", metadata: { name: "t4" },
        spec: { nodeSelector: { accelerator: "nvidia-gpu" }, resources: { requests: { cpu: "1", memory: "4Gi" }, limits: { cpu: "2", memory: "8Gi", "nvidia.com/gpu": gpu } } } },
] });
const script = (value: string) => res(SCRIPT, "objects", {
    resourceGroupName: "rg-ml", kind: "AzureCLI", azCliVersion: "2.61.0", retentionInterval: "PT1H",
    environmentVariables: [{ name: "CLUSTER_NAME", value: "aks-prod" }, { name: CLUSTER_OBJECTS_ENV, value }],
});

describe("policy pack: VM sizes, Kubernetes versions, instance types applied through ARM", () => {
    const pack = usePack();
    beforeEach(async () => pack().configure({}));

    for (const mode of MODES) {
        describe(mode, () => {
            it("vm-size-current flags a retired size with its date and a current replacement, in a cluster and in an AgentPool", async () => {
                assertClean(await pack().analyzeAll(validStack(mode).resources), "vm-size-current");
                const retired = validStack(mode).with("aks", (p) => (p.agentPoolProfiles[1].vmSize = "Standard_NC6s_v3"));
                assertOne(await pack().analyzeAll(retired.resources), "vm-size-current", "mandatory",
                    "agentPoolProfiles[1] (gpu).vmSize: Standard_NC6s_v3 was retired on 2025-09-30 (https://learn.microsoft.com/azure/virtual-machines/ncv3-nc6s-nc12s-nc24s-retirement); use a current size such as Standard_NC24ads_A100_v4");
                const pool = res(T.pool, "gpu2", { resourceGroupName: "rg-ml", resourceName: "aks-prod", agentPoolName: "gpu2", vmSize: "Standard_NC24s_v3", count: 1 });
                assertOne(await pack().analyzeAll(validStack(mode).plus(pool).resources), "vm-size-current", "mandatory",
                    "vmSize: Standard_NC24s_v3 was retired on 2025-09-30");
            });

            it("kubernetes-version-supported flags a pinned version past AKS end of life and passes a supported or unpinned one", async () => {
                assertClean(await pack().analyzeAll(validStack(mode).resources), "kubernetes-version-supported");
                const old = validStack(mode).with("aks", (p) => (p.kubernetesVersion = "1.32"));
                assertOne(await pack().analyzeAll(old.resources), "kubernetes-version-supported", "mandatory", "kubernetesVersion: 1.32 reached AKS end of life on 2026-03-31");
                assertClean(await pack().analyzeAll(validStack(mode).with("aks", (p) => (p.kubernetesVersion = "1.36")).resources), "kubernetes-version-supported");
            });

            it("instance-type-fit: GPU in limits only, limits within the instance type's, Azure's default type when none is declared", async () => {
                assertClean(await pack().analyzeAll(validStack(mode).resources), "instance-type-fit");
                const inRequests = validStack(mode).with("blue", (p) => (p.properties.containerResourceRequirements.containerResourceRequests.gpu = "1"));
                assertOne(await pack().analyzeAll(inRequests.resources), "instance-type-fit", "mandatory",
                    'OnlineDeployment "blue": requests.nvidia.com/gpu: nvidia.com/gpu goes in limits only (Azure ML refuses it in requests)');
                const tooBig = validStack(mode).with("blue", (p) => (p.properties.containerResourceRequirements.containerResourceLimits.memory = "8Gi"));
                assertOne(await pack().analyzeAll(tooBig.resources), "instance-type-fit", "mandatory",
                    'OnlineDeployment "blue": limits.memory: memory 8Gi exceeds the limit of instance type "gpu" (4Gi)');
                const onDefault = validStack(mode).plus(deployment(mode, "small", { instanceType: undefined,
                    containerResourceRequirements: { containerResourceRequests: { cpu: "100m", memory: "3Gi" } } }));
                assertOne(await pack().analyzeAll(onDefault.resources), "instance-type-fit", "mandatory",
                    'OnlineDeployment "small": requests.memory: memory 3Gi exceeds the limit of instance type "defaultinstancetype" (2Gi)');
            });

            it("gpu-instance-type finds an InstanceType applied by a deployment script and checks it like a custom resource", async () => {
                const useT4 = (s: ReturnType<typeof validStack>) => s.with("blue", (p) => (p.properties.instanceType = "t4"))
                    .with("compute", (p) => delete p.properties.properties.instanceTypes.gpu);
                assertClean(await pack().analyzeAll(useT4(validStack(mode)).plus(script(objects("1"))).resources), "gpu-instance-type");
                const offPool = objects("1").replace("nvidia-gpu", "other");
                assertOne(await pack().analyzeAll(useT4(validStack(mode)).plus(script(offPool)).resources), "gpu-instance-type", "mandatory",
                    'no GPU pool of ManagedCluster "aks" has the labels accelerator=other of instance type "t4"');
            });
        });
    }

    it("instance-type-fit waits for resources unknown at preview", async () => {
        const stack = validStack("preview").with("blue", (p) => (p.properties.containerResourceRequirements.containerResourceLimits.cpu = U));
        assertCantRun(await pack().analyzeAll(stack.resources), "instance-type-fit", "properties.containerResourceRequirements.containerResourceLimits.cpu");
    });

    it("gpu-instance-type waits for a script's objects that are unknown at preview", async () => {
        const stack = validStack("preview").with("blue", (p) => (p.properties.instanceType = "t4")).plus(script(U));
        assertCantRun(await pack().analyzeAll(stack.resources), "gpu-instance-type", "environmentVariables.1.value");
    });
});
