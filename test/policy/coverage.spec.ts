// The baseline added for checkov / Azure Policy coverage (policy/README.md): for each policy, the
// compliant fixture passes (known values and preview), one broken property is reported, and an
// unknown value is either decided from presence or yields the engine's "can't run" naming the path.
import { Mode, MODES, res, SECURE_POOL, Stack, T, U, validStack } from "./fixtures";
import { assertCantRun, assertClean, assertOne, usePack } from "./helpers";

interface Case {
    policy: string;
    broken: (mode: Mode) => Stack;
    message: string;
    /** Unknown value and the path the "can't run" names ("" when presence decides: no diagnostic). */
    unknown: { stack: Stack; path: string };
}

const aks = (mode: Mode, fn: (p: any) => void) => validStack(mode).with("aks", fn);
const ws = (mode: Mode, fn: (p: any) => void) => validStack(mode).with("ws", fn);
const amlCompute = (mode: Mode, computeType: string, props: Record<string, any>) => validStack(mode).plus(res(T.compute, "cpu-cluster", {
    resourceGroupName: "rg-ml", workspaceName: "mlw-prod", computeName: "cpu-cluster", location: "westeurope",
    properties: { computeType, disableLocalAuth: true, ...props },
}));
const amlOk = { properties: { scaleSettings: { minNodeCount: 0, maxNodeCount: 4 }, subnet: { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/ml" } } };
const ciOk = { properties: { idleTimeBeforeShutdown: "PT60M", subnet: { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/ml" } } };

export const CASES: Case[] = [
    {
        policy: "baseline-container-insights",
        broken: (m) => aks(m, (p) => delete p.addonProfiles.omsagent),
        message: "addonProfiles.omsagent is not enabled; enable Container Insights",
        unknown: { stack: aks("preview", (p) => (p.addonProfiles.omsagent.enabled = U)), path: "addonProfiles.omsagent.enabled" },
    },
    {
        policy: "baseline-kube-dashboard",
        broken: (m) => aks(m, (p) => (p.addonProfiles.kubeDashboard = { enabled: true })),
        message: "addonProfiles.kubeDashboard is enabled; disable the Kubernetes dashboard",
        unknown: { stack: aks("preview", (p) => (p.addonProfiles.kubeDashboard = { enabled: U })), path: "addonProfiles.kubeDashboard.enabled" },
    },
    {
        policy: "baseline-http-app-routing",
        broken: (m) => aks(m, (p) => (p.addonProfiles.httpApplicationRouting = { enabled: true })),
        message: "addonProfiles.httpApplicationRouting is enabled; it is not meant for production",
        unknown: { stack: aks("preview", (p) => (p.addonProfiles = U)), path: "addonProfiles" },
    },
    {
        policy: "baseline-secret-rotation",
        broken: (m) => aks(m, (p) => (p.addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation = "false")),
        message: "addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation is not \"true\"",
        unknown: { stack: aks("preview", (p) => (p.addonProfiles.azureKeyvaultSecretsProvider.config = U)), path: "addonProfiles.azureKeyvaultSecretsProvider.config" },
    },
    {
        policy: "baseline-disk-encryption-set",
        broken: (m) => aks(m, (p) => delete p.diskEncryptionSetID),
        message: "diskEncryptionSetID is not set; node disks use platform-managed keys",
        unknown: { stack: aks("preview", (p) => (p.diskEncryptionSetID = U)), path: "" },
    },
    {
        policy: "baseline-encryption-at-host",
        broken: (m) => aks(m, (p) => delete p.agentPoolProfiles[1].enableEncryptionAtHost),
        message: 'agentPoolProfiles[1] ("gpu") does not set enableEncryptionAtHost: true',
        unknown: { stack: aks("preview", (p) => (p.agentPoolProfiles[0].enableEncryptionAtHost = U)), path: "agentPoolProfiles.0.enableEncryptionAtHost" },
    },
    {
        policy: "baseline-max-pods",
        broken: (m) => aks(m, (p) => (p.agentPoolProfiles[0].maxPods = 30)),
        message: 'agentPoolProfiles[0] ("system") has maxPods 30; set at least 50',
        unknown: { stack: aks("preview", (p) => (p.agentPoolProfiles[1].maxPods = U)), path: "agentPoolProfiles.1.maxPods" },
    },
    {
        policy: "baseline-scale-sets",
        broken: (m) => aks(m, (p) => (p.agentPoolProfiles[0].type = "AvailabilitySet")),
        message: 'agentPoolProfiles[0] ("system") has type "AvailabilitySet"; use VirtualMachineScaleSets',
        unknown: { stack: aks("preview", (p) => (p.agentPoolProfiles = U)), path: "agentPoolProfiles" },
    },
    {
        policy: "baseline-azure-cni",
        broken: (m) => aks(m, (p) => (p.networkProfile.networkPlugin = "kubenet")),
        message: 'networkProfile.networkPlugin is "kubenet"; use "azure"',
        unknown: { stack: aks("preview", (p) => (p.networkProfile.networkPlugin = U)), path: "networkProfile.networkPlugin" },
    },
    {
        policy: "baseline-defender",
        broken: (m) => aks(m, (p) => delete p.securityProfile.defender),
        message: "securityProfile.defender.securityMonitoring.enabled is not true; enable the Defender profile",
        unknown: { stack: aks("preview", (p) => (p.securityProfile = U)), path: "securityProfile" },
    },
    {
        policy: "baseline-workload-identity",
        broken: (m) => aks(m, (p) => delete p.oidcIssuerProfile),
        message: "oidcIssuerProfile.enabled is not true; workload identity needs the OIDC issuer",
        unknown: { stack: aks("preview", (p) => (p.securityProfile.workloadIdentity.enabled = U)), path: "securityProfile.workloadIdentity.enabled" },
    },
    {
        policy: "baseline-image-cleaner",
        broken: (m) => aks(m, (p) => (p.securityProfile.imageCleaner.enabled = false)),
        message: "securityProfile.imageCleaner.enabled is not true; stale images stay on the nodes",
        unknown: { stack: aks("preview", (p) => (p.securityProfile.imageCleaner = U)), path: "securityProfile.imageCleaner" },
    },
    {
        policy: "baseline-node-os-upgrade",
        broken: (m) => aks(m, (p) => (p.autoUpgradeProfile.nodeOSUpgradeChannel = "None")),
        message: 'autoUpgradeProfile.nodeOSUpgradeChannel is "None"; use NodeImage or SecurityPatch',
        unknown: { stack: aks("preview", (p) => (p.autoUpgradeProfile.nodeOSUpgradeChannel = U)), path: "autoUpgradeProfile.nodeOSUpgradeChannel" },
    },
    {
        policy: "baseline-run-command",
        broken: (m) => aks(m, (p) => delete p.apiServerAccessProfile.disableRunCommand),
        message: "apiServerAccessProfile.disableRunCommand is not true",
        unknown: { stack: aks("preview", (p) => (p.apiServerAccessProfile.disableRunCommand = U)), path: "apiServerAccessProfile.disableRunCommand" },
    },
    {
        policy: "baseline-ssh-disabled",
        broken: (m) => aks(m, (p) => delete p.agentPoolProfiles[1].securityProfile),
        message: 'agentPoolProfiles[1] ("gpu") has securityProfile.sshAccess unset (LocalUser); set "Disabled"',
        unknown: { stack: aks("preview", (p) => (p.agentPoolProfiles[0].securityProfile.sshAccess = U)), path: "agentPoolProfiles.0.securityProfile.sshAccess" },
    },
    {
        policy: "baseline-csi-drivers",
        broken: (m) => aks(m, (p) => (p.storageProfile = { fileCSIDriver: { enabled: false } })),
        message: "storageProfile.fileCSIDriver.enabled is false; keep the CSI driver enabled",
        unknown: { stack: aks("preview", (p) => (p.storageProfile = { diskCSIDriver: { enabled: U } })), path: "storageProfile.diskCSIDriver.enabled" },
    },
    {
        policy: "baseline-workspace-cmk",
        broken: (m) => ws(m, (p) => delete p.encryption),
        message: "encryption.status is not \"Enabled\"; workspace data is encrypted with Microsoft-managed keys",
        unknown: { stack: ws("preview", (p) => (p.encryption.status = U)), path: "encryption.status" },
    },
    {
        policy: "baseline-compute-local-auth",
        broken: (m) => amlCompute(m, "AmlCompute", { ...amlOk, disableLocalAuth: false }),
        message: "properties.disableLocalAuth is not true; the compute accepts local (key) authentication",
        unknown: { stack: amlCompute("preview", "AmlCompute", { ...amlOk, disableLocalAuth: U }), path: "properties.disableLocalAuth" },
    },
    {
        policy: "baseline-compute-min-nodes",
        broken: (m) => amlCompute(m, "AmlCompute", { properties: { ...amlOk.properties, scaleSettings: { minNodeCount: 2, maxNodeCount: 4 } } }),
        message: "properties.properties.scaleSettings.minNodeCount is 2; idle nodes keep billing",
        unknown: { stack: amlCompute("preview", "AmlCompute", { properties: { ...amlOk.properties, scaleSettings: U } }), path: "properties.properties.scaleSettings" },
    },
    {
        policy: "baseline-compute-idle-shutdown",
        broken: (m) => amlCompute(m, "ComputeInstance", { properties: { subnet: ciOk.properties.subnet } }),
        message: "properties.properties.idleTimeBeforeShutdown is not set; an idle instance keeps running",
        unknown: { stack: amlCompute("preview", "ComputeInstance", { properties: { ...ciOk.properties, idleTimeBeforeShutdown: U } }), path: "properties.properties.idleTimeBeforeShutdown" },
    },
    {
        policy: "baseline-compute-vnet",
        broken: (m) => amlCompute(m, "AmlCompute", { properties: { scaleSettings: { minNodeCount: 0, maxNodeCount: 4 } } }),
        message: "properties.properties.subnet.id is not set; the compute is outside your virtual network",
        unknown: { stack: amlCompute("preview", "AmlCompute", { ...amlOk, computeType: U }), path: "properties.computeType" },
    },
];

describe("policy pack: baseline coverage of checkov and the Azure Policy built-ins", () => {
    const pack = usePack();
    beforeEach(async () => pack().configure({}));

    for (const c of CASES) {
        describe(`${c.policy} (advisory)`, () => {
            for (const mode of MODES) {
                it(`${mode}: passes the compliant stack`, async () => {
                    assertClean(await pack().analyzeAll(validStack(mode).resources), c.policy);
                });
                it(`${mode}: reports the broken property`, async () => {
                    assertOne(await pack().analyzeAll(c.broken(mode).resources), c.policy, "advisory", c.message);
                });
            }
            if (c.unknown.path === "") {
                it("decides from presence when the value is unknown (no diagnostic)", async () => {
                    assertClean(await pack().analyzeAll(c.unknown.stack.resources), c.policy);
                });
            } else {
                it(`can't run when ${c.unknown.path} is unknown`, async () => {
                    assertCantRun(await pack().analyzeAll(c.unknown.stack.resources), c.policy, c.unknown.path);
                });
            }
        });
    }

    it("baseline-run-command: run command stays allowed where the cluster's tag names it as the ARM path for its objects", async () => {
        const tagged = (v: string) => aks("known", (p) => {
            p.apiServerAccessProfile.disableRunCommand = false;
            p.tags = { ...(p.tags ?? {}), "aksml.io/run-command": v };
        });
        assertClean(await pack().analyzeAll(tagged("cluster-objects").resources), "baseline-run-command");
        assertOne(await pack().analyzeAll(tagged("anything").resources), "baseline-run-command", "advisory", "apiServerAccessProfile.disableRunCommand is not true");
        const unknownTag = aks("preview", (p) => {
            p.apiServerAccessProfile.disableRunCommand = false;
            p.tags = { "aksml.io/run-command": U };
        });
        assertCantRun(await pack().analyzeAll(unknownTag.resources), "baseline-run-command", "tags.aksml.io/run-command");
    });

    it("compliant AmlCompute clusters and compute instances pass every compute rule", async () => {
        for (const stack of [amlCompute("known", "AmlCompute", amlOk), amlCompute("known", "ComputeInstance", ciOk)]) {
            const ds = await pack().analyzeAll(stack.resources);
            for (const p of ["baseline-compute-local-auth", "baseline-compute-min-nodes", "baseline-compute-idle-shutdown", "baseline-compute-vnet"]) assertClean(ds, p);
        }
    });

    it("separate AgentPool resources are checked like inline pools", async () => {
        const pool = res(T.pool, "extra", { resourceGroupName: "rg-ml", resourceName: "aks-prod", agentPoolName: "extra", vmSize: "Standard_D4s_v5", ...SECURE_POOL, maxPods: 110 });
        const ds = await pack().analyzeAll(validStack("known").plus(pool).resources);
        for (const p of ["baseline-encryption-at-host", "baseline-max-pods", "baseline-ssh-disabled", "baseline-scale-sets"]) assertClean(ds, p);
        const bad = res(T.pool, "bad", { resourceGroupName: "rg-ml", resourceName: "aks-prod", agentPoolName: "bad", vmSize: "Standard_D4s_v5" });
        assertOne(await pack().analyzeAll(validStack("known").plus(bad).resources), "baseline-ssh-disabled", "advisory", "the agent pool has securityProfile.sshAccess unset (LocalUser)");
    });

    it("node OS upgrades through the node-image cluster channel pass", async () => {
        const stack = aks("known", (p) => (p.autoUpgradeProfile = { upgradeChannel: "node-image" }));
        assertClean(await pack().analyzeAll(stack.resources), "baseline-node-os-upgrade");
    });
});
