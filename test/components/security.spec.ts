// The program's security pieces (issue 12): secure cluster defaults, monitoring, customer-managed
// keys, and prod's private workspace with private endpoints and DNS, as registered.
import * as assert from "assert";
import { harden, MAX_PODS } from "../../components/clusterHardening";
import { PRIVATE_DNS_ZONES, subnetPrefixes } from "../../components/privateNetwork";
import { stackRun } from "../helpers/stacks";

const MC = "azure-native:containerservice:ManagedCluster";
const WS = "azure-native:machinelearningservices:Workspace";
const PE = "azure-native:network:PrivateEndpoint";
const ZONE = "azure-native:privatedns:PrivateZone";
const LINK = "azure-native:privatedns:VirtualNetworkLink";
const DIAG = "azure-native:monitor:DiagnosticSetting";
const DES = "azure-native:compute:DiskEncryptionSet";
const LOG = "azure-native:operationalinsights:Workspace";

describe("clusterHardening.harden (pure)", () => {
    const base = {
        resourceGroupName: "rg", identity: { type: "SystemAssigned" }, disableLocalAccounts: false,
        agentPoolProfiles: [{ name: "system", vmSize: "Standard_D4s_v5", count: 3 }],
        addonProfiles: { azurepolicy: { enabled: true } },
        apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24"] },
        autoUpgradeProfile: { upgradeChannel: "patch" },
    } as any;

    it("returns the arguments unchanged without hardening", () => {
        assert.strictEqual(harden(base, undefined), base);
    });

    it("adds the secure defaults and keeps what the base set", () => {
        const h = harden(base, { encryptionAtHost: false, logAnalyticsWorkspaceId: "/log" }) as any;
        assert.deepStrictEqual(h.agentPoolProfiles, [{ name: "system", vmSize: "Standard_D4s_v5", count: 3, vnetSubnetID: undefined, maxPods: MAX_PODS, enableEncryptionAtHost: undefined, securityProfile: { sshAccess: "Disabled" } }]);
        assert.deepStrictEqual(h.addonProfiles, {
            azurepolicy: { enabled: true },
            azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: "true", rotationPollInterval: "2m" } },
            omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: "/log", useAADAuth: "true" } },
        });
        assert.deepStrictEqual(h.securityProfile, {
            workloadIdentity: { enabled: true }, imageCleaner: { enabled: true, intervalHours: 168 },
            defender: { logAnalyticsWorkspaceResourceId: "/log", securityMonitoring: { enabled: true } },
        });
        assert.deepStrictEqual(h.oidcIssuerProfile, { enabled: true });
        assert.deepStrictEqual(h.autoUpgradeProfile, { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" });
        assert.deepStrictEqual(h.apiServerAccessProfile, { authorizedIPRanges: ["203.0.113.0/24"], disableRunCommand: false });
        assert.strictEqual(h.disableLocalAccounts, false, "Azure ML needs local accounts");
        assert.deepStrictEqual(h.identity, { type: "SystemAssigned" });
    });

    it("options: encryption at host, a disk encryption set, a subnet with a user-assigned control plane identity", () => {
        const h = harden(base, { encryptionAtHost: true, diskEncryptionSetId: "/des", subnetId: "/subnet", controlPlaneIdentityId: "/uami" }) as any;
        assert.strictEqual(h.agentPoolProfiles[0].enableEncryptionAtHost, true);
        assert.strictEqual(h.agentPoolProfiles[0].vnetSubnetID, "/subnet");
        assert.strictEqual(h.diskEncryptionSetID, "/des");
        assert.deepStrictEqual(h.identity, { type: "UserAssigned", userAssignedIdentities: ["/uami"] });
        assert.strictEqual(h.addonProfiles.omsagent, undefined, "no Container Insights without a Log Analytics workspace");
    });

    it("subnet prefixes of a /16", () => {
        assert.deepStrictEqual(subnetPrefixes("10.40.0.0/16"), { nodes: "10.40.0.0/20", endpoints: "10.40.16.0/24" });
    });
});

for (const preview of [true, false]) {
    describe(`security pieces of the stacks (${preview ? "preview" : "update"} mode)`, () => {
        it("prod: a private workspace with private endpoints and linked DNS zones for workspace, storage, key vault and registry", async () => {
            const run = await stackRun("prod", { preview });
            const ws = run.all(WS).find((w) => w.inputs.workspaceName === "mlw-aksml-prod")!;
            assert.strictEqual(ws.inputs.publicNetworkAccess, "Disabled");
            const pes = run.all(PE);
            assert.deepStrictEqual(pes.map((p) => p.inputs.privateLinkServiceConnections[0].groupIds[0]).sort(), ["amlworkspace", "blob", "file", "registry", "vault"]);
            assert.deepStrictEqual(run.all(ZONE).map((z) => z.inputs.privateZoneName).sort(), [...new Set(Object.values(PRIVATE_DNS_ZONES).flat())].sort());
            assert.strictEqual(run.all(LINK).length, run.all(ZONE).length);
            // The cluster's nodes are in the VNet the zones are linked to.
            const mc = run.get(MC);
            assert.ok(mc.dependencies.some((d) => d.includes("network:Subnet")), "the cluster waits for its subnet");
            // The cluster, hence the AzureML extension on it, waits for the private endpoints.
            const peUrns = new Set(pes.map((p) => p.urn));
            assert.strictEqual(mc.dependencies.filter((d) => peUrns.has(d)).length, 5, "the cluster waits for the private endpoints");
            assert.ok(run.get("azure-native:kubernetesconfiguration:Extension").dependencies.includes(mc.urn));
        });

        it("prod: customer-managed keys (disk encryption set, workspace CMK) and encryption at host", async () => {
            const run = await stackRun("prod", { preview });
            const mc = run.get(MC);
            assert.ok(run.all(DES).length === 1);
            assert.ok(mc.inputs.agentPoolProfiles.every((p: any) => p.enableEncryptionAtHost === true));
            assert.ok((mc.propertyDependencies.diskEncryptionSetID ?? []).includes(run.get(DES).urn), "diskEncryptionSetID comes from the set");
            const ws = run.all(WS).find((w) => w.inputs.workspaceName === "mlw-aksml-prod")!;
            assert.strictEqual(ws.inputs.encryption.status, "Enabled");
            assert.strictEqual(ws.inputs.identity.type, "SystemAssigned,UserAssigned");
        });

        it("dev and prod: Container Insights and Defender into the workspace's Log Analytics, diagnostic settings for cluster and workspace", async () => {
            for (const stack of ["dev", "prod"] as const) {
                const run = await stackRun(stack, { preview });
                const mc = run.get(MC);
                const logId = mc.inputs.addonProfiles.omsagent.config.logAnalyticsWorkspaceResourceID;
                assert.match(logId, /\/providers\/Microsoft\.OperationalInsights\/workspaces\/log-mlw-aksml-/, "known at preview");
                assert.strictEqual(mc.inputs.securityProfile.defender.logAnalyticsWorkspaceResourceId, logId);
                assert.ok(mc.dependencies.includes(run.get(LOG).urn), "the cluster waits for the Log Analytics workspace");
                assert.strictEqual(run.all(DIAG).length, 2);
            }
        });

        it("dev: no private network and no customer-managed keys (advisories explained in the README)", async () => {
            const run = await stackRun("dev", { preview });
            assert.deepStrictEqual([run.all(PE).length, run.all(DES).length, run.all(ZONE).length], [0, 0, 0]);
        });
    });
}
