import * as assert from "assert";
import { Mode, MODES, res, T, U, validStack } from "./fixtures";
import { assertCantRun, assertClean, assertMessages, assertOne, usePack } from "./helpers";
import { Stack } from "./fixtures";

interface Case {
    policy: string;
    level: "mandatory" | "advisory";
    broken: (mode: Mode) => Stack;
    message: string;
    unknown: { stack: Stack; path: string };
}

const aks = (mode: Mode, fn: (p: any) => void) => validStack(mode).with("aks", fn);

const CASES: Case[] = [
    {
        policy: "authorized-ranges-standard-lb", level: "mandatory",
        broken: (m) => aks(m, (p) => (p.networkProfile.loadBalancerSku = "Basic")),
        message: 'apiServerAccessProfile.authorizedIPRanges is set but networkProfile.loadBalancerSku is "basic"; authorized IP ranges need the Standard load balancer',
        unknown: { stack: aks("preview", (p) => { p.networkProfile.loadBalancerSku = "basic"; p.apiServerAccessProfile.authorizedIPRanges = U; }), path: "apiServerAccessProfile.authorizedIPRanges" },
    },
    {
        policy: "baseline-rbac", level: "advisory",
        broken: (m) => aks(m, (p) => (p.enableRBAC = false)),
        message: "enableRBAC is false; Kubernetes RBAC must stay enabled",
        unknown: { stack: aks("preview", (p) => (p.enableRBAC = U)), path: "enableRBAC" },
    },
    {
        policy: "baseline-entra-id", level: "advisory",
        broken: (m) => aks(m, (p) => delete p.aadProfile),
        message: "aadProfile is not set; integrate Microsoft Entra ID",
        // Presence decides: an aadProfile with unknown members is integration enough.
        unknown: { stack: aks("preview", (p) => (p.aadProfile = U)), path: "" },
    },
    {
        policy: "baseline-api-server-access", level: "advisory",
        broken: (m) => aks(m, (p) => delete p.apiServerAccessProfile),
        message: "the API server is public to the internet: set apiServerAccessProfile.authorizedIPRanges or enablePrivateCluster",
        unknown: { stack: aks("preview", (p) => (p.apiServerAccessProfile = { authorizedIPRanges: U })), path: "apiServerAccessProfile.authorizedIPRanges" },
    },
    {
        policy: "baseline-network-policy", level: "advisory",
        broken: (m) => aks(m, (p) => (p.networkProfile.networkPolicy = "none")),
        message: "networkProfile.networkPolicy is not set; pods can reach each other unrestricted",
        unknown: { stack: aks("preview", (p) => (p.networkProfile.networkPolicy = U)), path: "networkProfile.networkPolicy" },
    },
    {
        policy: "baseline-node-public-ip", level: "advisory",
        broken: (m) => aks(m, (p) => (p.agentPoolProfiles[1].enableNodePublicIP = true)),
        message: 'agentPoolProfiles[1] ("gpu") has enableNodePublicIP: true; nodes get public IPs',
        unknown: { stack: aks("preview", (p) => (p.agentPoolProfiles[0].enableNodePublicIP = U)), path: "agentPoolProfiles.0.enableNodePublicIP" },
    },
    {
        policy: "baseline-azure-policy-addon", level: "advisory",
        broken: (m) => aks(m, (p) => (p.addonProfiles = { azurePolicy: { enabled: false } })),
        message: "addonProfiles.azurePolicy.enabled is not true; enable the Azure Policy add-on",
        unknown: { stack: aks("preview", (p) => (p.addonProfiles.azurepolicy.enabled = U)), path: "addonProfiles.azurepolicy.enabled" },
    },
    {
        policy: "baseline-upgrade-channel", level: "advisory",
        broken: (m) => aks(m, (p) => (p.autoUpgradeProfile.upgradeChannel = "none")),
        message: "autoUpgradeProfile.upgradeChannel is not set; the cluster falls out of support",
        unknown: { stack: aks("preview", (p) => (p.autoUpgradeProfile = U)), path: "autoUpgradeProfile" },
    },
    {
        policy: "baseline-workspace-public-access", level: "advisory",
        broken: (m) => validStack(m).with("ws", (p) => (p.publicNetworkAccess = "Enabled")),
        message: 'publicNetworkAccess is "Enabled"; set it to "Disabled"',
        unknown: { stack: validStack("preview").with("ws", (p) => (p.publicNetworkAccess = U)), path: "publicNetworkAccess" },
    },
    {
        policy: "baseline-extension-secure", level: "advisory",
        broken: (m) => validStack(m).with("azureml", (p) => (p.configurationSettings.allowInsecureConnections = "True")),
        message: 'configurationSettings.allowInsecureConnections is "True" on a FastProd cluster; serve with TLS outside DevTest',
        unknown: { stack: validStack("preview").with("azureml", (p) => Object.assign(p.configurationSettings, { allowInsecureConnections: "True", clusterPurpose: U })), path: "configurationSettings.clusterPurpose" },
    },
];

describe("policy pack: network rule and security baseline", () => {
    const pack = usePack();
    beforeEach(async () => pack().configure({}));

    describe("cluster network rule and security baseline", () => {

        for (const c of CASES) {
            describe(`${c.policy} (${c.level})`, () => {
                for (const mode of MODES) {
                    it(`${mode}: passes the compliant stack`, async () => {
                        assertClean(await pack().analyzeAll(validStack(mode).resources), c.policy);
                    });
                    it(`${mode}: reports the broken property`, async () => {
                        assertOne(await pack().analyzeAll(c.broken(mode).resources), c.policy, c.level, c.message);
                    });
                }
                if (c.unknown.path === "") {
                    it("decides from presence when the value is unknown (no diagnostic)", async () => {
                        assertClean(await pack().analyzeAll(c.unknown.stack.resources), c.policy);
                    });
                } else {
                    it(`can't run when ${c.unknown.path} is unknown and decides the verdict`, async () => {
                        assertCantRun(await pack().analyzeAll(c.unknown.stack.resources), c.policy, c.unknown.path);
                    });
                }
            });
        }

        it("authorized-ranges-standard-lb: Basic without authorized ranges is fine, and an unknown SKU without ranges too", async () => {
            assertClean(await pack().analyzeAll(aks("known", (p) => { p.networkProfile.loadBalancerSku = "basic"; delete p.apiServerAccessProfile; }).resources), "authorized-ranges-standard-lb");
            assertClean(await pack().analyzeAll(aks("preview", (p) => { p.networkProfile.loadBalancerSku = U; p.apiServerAccessProfile.authorizedIPRanges = []; }).resources), "authorized-ranges-standard-lb");
        });

        it("authorized-ranges-standard-lb: an omitted loadBalancerSku means standard", async () => {
            assertClean(await pack().analyzeAll(aks("known", (p) => delete p.networkProfile.loadBalancerSku).resources), "authorized-ranges-standard-lb");
        });

        it("baseline-api-server-access: a private cluster passes without ranges", async () => {
            assertClean(await pack().analyzeAll(aks("preview", (p) => (p.apiServerAccessProfile = { enablePrivateCluster: true })).resources), "baseline-api-server-access");
        });

        it("baseline-node-public-ip: also checks separate AgentPool resources", async () => {
            const pool = res(T.pool, "extra", { resourceGroupName: "rg-ml", resourceName: "aks-other", vmSize: "Standard_D2s_v5", enableNodePublicIP: true });
            assertMessages(await pack().analyzeAll(validStack("known").plus(pool).resources), "baseline-node-public-ip", "advisory", ["enableNodePublicIP is true; nodes get public IPs"]);
        });

        it("baseline-extension-secure: allowInsecureConnections is fine on DevTest", async () => {
            const stack = validStack("known").with("azureml", (p) => Object.assign(p.configurationSettings, { allowInsecureConnections: "True", clusterPurpose: "DevTest" }));
            assertClean(await pack().analyzeAll(stack.resources), "baseline-extension-secure");
        });

        it("no baseline policy demands disableLocalAccounts (AzureML needs local accounts)", async () => {
            const ds = await pack().analyzeAll(aks("known", (p) => (p.disableLocalAccounts = false)).resources);
            assert.deepStrictEqual(ds.map((d) => d.message), []);
        });
    });

    describe("authorized-ranges-standard-lb: remediation", () => {
        const basic = aks("known", (p) => (p.networkProfile.loadBalancerSku = "basic")).get("aks");

        it("does nothing below the remediate level", async () => {
            assert.deepStrictEqual(await pack().remediate(basic), []);
        });

        it("at the remediate level sets the SKU to standard, keeping the other properties", async () => {
            await pack().configure({ "authorized-ranges-standard-lb": "remediate" });
            const [r, ...rest] = await pack().remediate(basic);
            assert.deepStrictEqual(rest, []);
            assert.strictEqual(r.policyName, "authorized-ranges-standard-lb");
            assert.deepStrictEqual(r.properties, { ...basic.properties, networkProfile: { ...basic.properties.networkProfile, loadBalancerSku: "standard" } });
        });

        it("leaves a Basic cluster without authorized ranges alone", async () => {
            await pack().configure({ "authorized-ranges-standard-lb": "remediate" });
            const noRanges = aks("known", (p) => { p.networkProfile.loadBalancerSku = "basic"; delete p.apiServerAccessProfile; }).get("aks");
            assert.deepStrictEqual(await pack().remediate(noRanges), []);
        });
    });
});
