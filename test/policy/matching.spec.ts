// Type matching (policy/lib/arm.ts), the baseline scope, public ranges, the Azure ML prerequisites
// and the one advisory for an endpoint with unknown properties.
import * as assert from "assert";
import { Diagnostic, isCantRun } from "../../tools/lib/analyzer";
import { res, Stack, T, U, urn, validStack } from "./fixtures";
import { assertCantRun, assertClean, assertOne, of, usePack, verdicts } from "./helpers";

/** The fixture cluster declared as `type` (an API-versioned token). */
function versioned(stack: Stack, name: string, type: string): Stack {
    const copy = new Stack(stack.mode, structuredClone(stack.resources));
    const r = copy.get(name);
    r.type = type;
    r.urn = urn(type, name);
    for (const other of copy.resources) {
        const deps = other.propertyDependencies ?? {};
        for (const [k, urns] of Object.entries(deps)) deps[k] = urns.map((u) => (u === urn(T.cluster, name) ? r.urn : u));
    }
    return copy;
}

/** The fixture cluster as a generic resources:Resource: ARM fields under `properties`. */
function generic(stack: Stack, fn: (arm: any) => void = () => undefined): Stack {
    return stack.with("aks", (p, r) => {
        const { resourceGroupName, resourceName, location, identity, sku, ...armProps } = p;
        for (const k of Object.keys(p)) delete p[k];
        Object.assign(p, { resourceGroupName, resourceName, location, identity, sku, resourceProviderNamespace: "Microsoft.ContainerService", resourceType: "managedClusters", parentResourcePath: "", apiVersion: "2025-07-01", properties: armProps });
        fn(p.properties);
        r.type = "azure-native:resources:Resource";
    });
}

const levels = (ds: Diagnostic[]) => ds.map((d) => `${d.enforcementLevel} ${d.policyName}: ${d.message}`);

describe("policy pack: type matching, scope, public ranges, Azure ML prerequisites", () => {
    const pack = usePack();
    beforeEach(async () => pack().configure({}));

    describe("API-versioned type tokens", () => {
        it("a ManagedCluster of containerservice/v20190601 is checked like the default module's", async () => {
            const stack = versioned(validStack("known").with("aks", (p) => (p.enableRBAC = false)), "aks", "azure-native:containerservice/v20190601:ManagedCluster");
            assertOne(await pack().analyzeAll(stack.resources), "baseline-rbac", "advisory", "enableRBAC is false");
        });
        it("the seed's platform rule (authorized ranges + Basic LB) fires on a versioned cluster", async () => {
            const stack = versioned(validStack("known").with("aks", (p) => (p.networkProfile.loadBalancerSku = "basic")), "aks", "azure-native:containerservice/v20240102preview:ManagedCluster");
            assertOne(await pack().analyzeAll(stack.resources), "authorized-ranges-standard-lb", "mandatory", "need the Standard load balancer");
        });
        it("a versioned Workspace (machinelearningservices/v20241001) is checked", async () => {
            const stack = validStack("known").with("ws", (p, r) => {
                p.publicNetworkAccess = "Enabled";
                r.type = "azure-native:machinelearningservices/v20241001:Workspace";
            });
            assertOne(await pack().analyzeAll(stack.resources), "baseline-workspace-public-access", "advisory", 'publicNetworkAccess is "Enabled"');
        });
        it("stack policies join versioned resources: the compute attaches a versioned cluster (Azure ML prerequisite)", async () => {
            const stack = versioned(validStack("preview").with("aks", (p) => (p.disableLocalAccounts = true)), "aks", "azure-native:containerservice/v20190601:ManagedCluster");
            assertOne(await pack().analyzeAll(stack.resources), "azureml-prerequisites", "mandatory", "disableLocalAccounts: true");
        });
    });

    describe("a generic resources:Resource of an ARM type the pack checks", () => {
        it("the compliant cluster as a generic resource passes every policy, in both modes", async () => {
            for (const mode of ["known", "preview"] as const) {
                assert.deepStrictEqual(levels(await pack().analyzeAll(generic(validStack(mode)).resources)), []);
            }
        });
        it("its ARM properties are read as the typed cluster's", async () => {
            const ds = await pack().analyzeAll(generic(validStack("known"), (a) => { a.enableRBAC = false; a.agentPoolProfiles[1].enableNodePublicIP = true; }).resources);
            assertOne(ds, "baseline-rbac", "advisory", "enableRBAC is false");
            assertOne(ds, "baseline-node-public-ip", "advisory", 'agentPoolProfiles[1] ("gpu") has enableNodePublicIP: true');
        });
        it("an unknown field names its real path under properties", async () => {
            const ds = await pack().analyzeAll(generic(validStack("preview"), (a) => (a.networkProfile.networkPolicy = U)).resources);
            assertCantRun(ds, "baseline-network-policy", "properties.networkProfile.networkPolicy");
        });
        it("a wholly unknown properties bag yields can't-run at .properties, never a false violation", async () => {
            const ds = await pack().analyzeAll(generic(validStack("preview")).with("aks", (p) => (p.properties = U)).resources);
            assertCantRun(ds, "baseline-rbac", "properties");
            assert.deepStrictEqual(ds.filter((d) => !isCantRun(d)).map((d) => d.message), []);
        });
        it("the Azure ML prerequisite reads a generic cluster attached by the compute", async () => {
            const ds = await pack().analyzeAll(generic(validStack("known"), (a) => (a.disableLocalAccounts = true)).resources);
            assertOne(ds, "azureml-prerequisites", "mandatory", "does not support AKS with local accounts disabled");
        });
    });

    describe("ranges that cover everything are public", () => {
        for (const ranges of [["0.0.0.0/0"], ["::/0", "203.0.113.0/24"], ["0.0.0.0/1", "128.0.0.0/1"]]) {
            it(`${ranges.join(" + ")}`, async () => {
                const ds = await pack().analyzeAll(validStack("known").with("aks", (p) => (p.apiServerAccessProfile.authorizedIPRanges = ranges)).resources);
                assertOne(ds, "baseline-api-server-access", "advisory", "the API server is public to the internet");
            });
        }
        it("0.0.0.0/1 alone is not everything; an unknown range with a public one is still reported", async () => {
            assertClean(await pack().analyzeAll(validStack("known").with("aks", (p) => (p.apiServerAccessProfile.authorizedIPRanges = ["0.0.0.0/1"])).resources), "baseline-api-server-access");
            assertOne(await pack().analyzeAll(validStack("preview").with("aks", (p) => (p.apiServerAccessProfile.authorizedIPRanges = ["0.0.0.0/0", U])).resources), "baseline-api-server-access", "advisory", "cover every IPv4 address");
            assertCantRun(await pack().analyzeAll(validStack("preview").with("aks", (p) => (p.apiServerAccessProfile.authorizedIPRanges = ["10.0.0.0/8", U])).resources), "baseline-api-server-access", "apiServerAccessProfile.authorizedIPRanges.1");
        });
    });

    describe("baseline scope", () => {
        const lone = res(T.cluster, "other", { resourceGroupName: "rg-other", resourceName: "aks-other", location: "westeurope", dnsPrefix: "x", identity: { type: "SystemAssigned" }, agentPoolProfiles: [{ name: "sys", mode: "System", vmSize: "Standard_D4s_v5", count: 1 }] });
        const withLone = () => validStack("known").plus(lone);
        const onLone = (ds: Diagnostic[]) => ds.filter((d) => d.urn === lone.urn && d.policyName.startsWith("baseline-"));

        it("all (default): a cluster not attached to Azure ML is checked too", async () => {
            assert.ok(onLone(await pack().analyzeAll(withLone().resources)).length >= 10);
        });
        it("azureml: only attached clusters are checked, and attached ones still are", async () => {
            const names = (await pack().info()).policies.map((p) => p.name).filter((n) => n.startsWith("baseline-"));
            await pack().configure(Object.fromEntries(names.map((n) => [n, { scope: "azureml" }])));
            assert.deepStrictEqual(onLone(await pack().analyzeAll(withLone().resources)).map((d) => d.message), []);
            const broken = withLone().with("aks", (p) => (p.enableRBAC = false));
            const ds = await pack().analyzeAll(broken.resources);
            const d = assertOne(ds, "baseline-rbac", "advisory", "enableRBAC is false");
            assert.strictEqual(d.urn, urn(T.cluster, "aks"));
            assertCantRun(await pack().analyzeAll(validStack("preview").with("aks", (p) => (p.enableRBAC = U)).resources), "baseline-rbac", "enableRBAC");
        });
        it("azureml: after switching back to all, the stack pass is skipped and the resource pass reports", async () => {
            await pack().configure({ "baseline-rbac": { scope: "azureml" } });
            await pack().analyzeAll(withLone().resources);
            await pack().configure({ "baseline-rbac": { scope: "all" } });
            assert.strictEqual(of(await pack().analyzeAll(withLone().with("other", (p) => (p.enableRBAC = false)).resources), "baseline-rbac").length, 1);
        });
    });

    it("control-plane-ranges: skipped while unconfigured, checks again once ranges are configured", async () => {
        const stack = validStack("known").with("aks", (p) => (p.apiServerAccessProfile.authorizedIPRanges = ["203.0.113.0/24"]));
        assert.deepStrictEqual(of(await pack().analyzeAll(stack.resources), "control-plane-ranges"), []);
        await pack().configure({ "control-plane-ranges": { controlPlaneIpRanges: ["20.38.80.0/21"] } });
        assertOne(await pack().analyzeAll(stack.resources), "control-plane-ranges", "advisory", "miss the Azure ML control-plane ranges 20.38.80.0/21");
    });

    describe("Azure ML prerequisites (mandatory)", () => {
        it("azureml-prerequisites names the conflict with CKV_AZURE_141 / 993c2fcd", async () => {
            const ds = await pack().analyzeAll(validStack("known").with("aks", (p) => (p.disableLocalAccounts = true)).resources);
            const d = assertOne(ds, "azureml-prerequisites", "mandatory", 'ManagedCluster "aks" sets disableLocalAccounts: true, but Extension "azureml" attaches it to Azure ML');
            assert.ok(d.message.includes("CKV_AZURE_141") && d.message.includes("993c2fcd"), d.message);
        });
        it("azureml-prerequisites reports both conflicts of one cluster, each in its own message", async () => {
            const both = validStack("known").with("aks", (p) => { p.disableLocalAccounts = true; p.identity = { type: "None" }; });
            const ds = of(await pack().analyzeAll(both.resources), "azureml-prerequisites");
            assert.deepStrictEqual(ds.map((d) => [d.enforcementLevel, d.message.includes("local accounts disabled"), d.message.includes('identity.type "None"')]), [["mandatory", true, false], ["mandatory", false, true]]);
        });
        it("azureml-prerequisites: a cluster nobody attaches may disable local accounts", async () => {
            const stack = validStack("known").without("compute").without("azureml").with("aks", (p) => (p.disableLocalAccounts = true));
            assertClean(await pack().analyzeAll(stack.resources), "azureml-prerequisites");
        });
        it("azureml-prerequisites: unknown at preview names the path", async () => {
            assertCantRun(await pack().analyzeAll(validStack("preview").with("aks", (p) => (p.disableLocalAccounts = U)).resources), "azureml-prerequisites", "disableLocalAccounts");
        });
        it("azureml-prerequisites reports a service principal cluster and an unset identity", async () => {
            const sp = validStack("known").with("aks", (p) => { delete p.identity; p.servicePrincipalProfile = { clientId: "11111111-2222-3333-4444-555555555555", secret: "x" }; });
            assertOne(await pack().analyzeAll(sp.resources), "azureml-prerequisites", "mandatory", "uses the service principal 11111111-2222-3333-4444-555555555555");
            assertClean(await pack().analyzeAll(validStack("preview").resources), "azureml-prerequisites");
            assertCantRun(await pack().analyzeAll(validStack("preview").with("aks", (p) => (p.identity = U)).resources), "azureml-prerequisites", "identity");
        });
    });

    describe("an endpoint whose properties are unknown at preview", () => {
        const stack = () => validStack("preview").with("endpoint", (p) => (p.properties = U));
        it("gets exactly one advisory, on its URN, saying what the update checks", async () => {
            const ds = (await pack().analyzeAll(stack().resources)).filter((d) => d.policyName.startsWith("endpoint-"));
            assert.strictEqual(ds.length, 1, JSON.stringify(levels(ds)));
            assert.strictEqual(ds[0].enforcementLevel, "advisory");
            assert.strictEqual(ds[0].urn, urn(T.endpoint, "endpoint"));
            assert.ok(ds[0].message.includes("authMode (endpoint-auth) and traffic (endpoint-traffic) are checked at update"), ds[0].message);
        });
        it("the update still checks both", async () => {
            const ds = await pack().analyzeAll(validStack("known").with("endpoint", (p) => { p.properties.authMode = "AADToken"; p.properties.traffic = { blue: 50 }; }).resources);
            assert.strictEqual(verdicts(ds, "endpoint-auth").length, 1);
            assert.strictEqual(verdicts(ds, "endpoint-traffic").length, 1);
        });
    });

    it("AI Foundry: a project workspace follows its hub (no network/CMK finding); a hub is checked", async () => {
        const project = validStack("known").with("ws", (p) => { p.kind = "Project"; p.publicNetworkAccess = "Enabled"; delete p.encryption; });
        const ds = await pack().analyzeAll(project.resources);
        assertClean(ds, "baseline-workspace-public-access");
        assertClean(ds, "baseline-workspace-cmk");
        const hub = validStack("known").with("ws", (p) => { p.kind = "Hub"; delete p.encryption; });
        assertOne(await pack().analyzeAll(hub.resources), "baseline-workspace-cmk", "advisory", "encryption.status is not");
    });
});
