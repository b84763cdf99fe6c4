// The diff against a base ref, in-process on hand-made registrations (tools/diff/compute.ts,
// providerReplace.ts, tools/preview/diffRender.ts). The git-history cases run the program: diffGit.spec.ts.
import * as assert from "assert";
import { newUrn } from "../../tools/engine/monitor";
import { diffOfEngine } from "../../tools/diff/engineSteps";
import { aliasUrns, changedPaths, deleteProtectedMessage, diffRecords, matchesPath, replaceProtectedMessage } from "../../tools/diff/compute";
import { parseForceNewMap } from "../../tools/diff/genForceNew";
import { azureNativePathParams, providerReplaces } from "../../tools/diff/providerReplace";
import { Recorded, UNKNOWN } from "../../tools/lib/recorder";
import { parseArgs } from "../../tools/preview/args";
import { renderJson } from "../../tools/preview/json";
import { renderMarkdown } from "../../tools/preview/markdown";
import { buildTree, Preview, summarize } from "../../tools/preview/model";
import { emulatedInfo } from "../../tools/preview/pulumiEngine";
import { renderText } from "../../tools/preview/text";
import { diffMarkdownLines, diffSummary, diffTextLines } from "../../tools/preview/diffRender";
import { previewInProcess } from "../helpers/preview";

const STACK = newUrn("prod", "aks-ml-serving", "", "pulumi:pulumi:Stack", "aks-ml-serving-prod");
const T = {
    cluster: "azure-native:containerservice:ManagedCluster",
    rg: "azure-native:resources:ResourceGroup",
    endpoint: "azure-native:machinelearningservices:OnlineEndpoint",
    deployment: "azure-native:machinelearningservices:OnlineDeployment",
    applier: "azure-native:resources:Deployment",
    component: "aks-ml:index:ModelEndpoint",
};

function rec(type: string, name: string, raw: Record<string, any> = {}, more: Partial<Recorded> = {}): Recorded {
    const parent = more.parent ?? STACK;
    return {
        urn: newUrn("prod", "aks-ml-serving", parent, type, name), type, name, custom: !type.startsWith("aks-ml:"), parent, raw, inputs: raw,
        dependencies: [], propertyDependencies: {}, provider: "", protect: false, ignoreChanges: [], replaceOnChanges: [],
        deleteBeforeReplace: false, retainOnDelete: false, deletedWith: "", aliases: [], additionalSecretOutputs: [], importId: "", ...more,
    };
}
const stack = (): Recorded => ({ ...rec("pulumi:pulumi:Stack", "aks-ml-serving-prod"), urn: STACK, parent: "" });

/** One endpoint: component, endpoint, deployments (ARM name -> traffic), the applier. */
function endpoint(deployments: Record<string, number>, opts: { dbr?: boolean } = {}): Recorded[] {
    const comp = rec(T.component, "ep");
    const ep = rec(T.endpoint, "ep-endpoint", { endpointName: "churn" }, { parent: comp.urn });
    const ds = Object.keys(deployments).map((arm) => rec(T.deployment, `ep-${arm.split("-")[0]}`, { endpointName: "churn", deploymentName: arm, properties: { instanceType: arm.split("-")[1] } },
        { parent: comp.urn, deletedWith: ep.urn, replaceOnChanges: ["properties.instanceType"], deleteBeforeReplace: opts.dbr === true, deleteBeforeReplaceDefined: true }));
    const applier = rec(T.applier, "ep-traffic", { properties: { parameters: { endpointName: { value: "churn" }, properties: { value: { traffic: deployments } } } } }, { parent: comp.urn });
    return [comp, ep, ...ds, applier];
}

describe("tools/diff: paths, aliases, provider replace keys", () => {
    it("matches Pulumi property paths: exact, descendants, [*], and an ancestor that changed whole", () => {
        assert.ok(matchesPath("properties.instanceType", "properties.instanceType"));
        assert.ok(matchesPath("properties", "properties.instanceType"));
        assert.ok(matchesPath("agentPoolProfiles[*].count", "agentPoolProfiles[1].count"));
        assert.ok(matchesPath("properties.traffic", "properties"));
        assert.ok(matchesPath("*", "anything.at[0].all"));
        assert.ok(!matchesPath("properties.instanceType", "properties.instanceTypes"));
        assert.ok(!matchesPath("agentPoolProfiles[*].count", "agentPoolProfiles[1].vmSize"));
    });

    it("unknown on both sides is unchanged unless a dependency is created or replaced; known vs unknown changes", () => {
        const dep = "urn:pulumi:prod::p::t::dep";
        const neu = rec(T.endpoint, "e", { compute: UNKNOWN, location: "westeurope", tags: UNKNOWN }, { propertyDependencies: { compute: [dep], tags: [] } });
        assert.deepStrictEqual(changedPaths({ compute: UNKNOWN, location: "westeurope", tags: UNKNOWN }, neu, () => false), []);
        assert.deepStrictEqual(changedPaths({ compute: UNKNOWN, location: "westeurope", tags: UNKNOWN }, neu, (u) => u === dep), ["compute"]);
        assert.deepStrictEqual(changedPaths({ compute: "/sub/x", location: "westeurope", tags: UNKNOWN }, neu, () => false), ["compute"]);
    });

    it("compares secrets by value, recurses into objects and arrays, and drops ignoreChanges paths", () => {
        const secret = (v: string) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: v });
        const neu = rec(T.cluster, "c", { key: secret("a"), pools: [{ count: 4, vmSize: "D8" }], properties: { traffic: { b: 1 } } },
            { ignoreChanges: ["agentPoolProfiles[*].count", "properties.traffic"] });
        neu.raw.agentPoolProfiles = [{ count: 5 }];
        const old = { key: secret("a"), pools: [{ count: 3, vmSize: "D8" }], properties: { traffic: {} }, agentPoolProfiles: [{ count: 3 }] };
        assert.deepStrictEqual(changedPaths(old, neu, () => false), ["pools[0].count"]);
    });

    it("names a key that is no identifier as the engine does: traffic[\"a-cpu\"] (properties_path.go PropertyPath.String)", () => {
        const neu = rec(T.applier, "t", { traffic: { "a-cpu": 100, b_2: 0, "x.y": 1 } });
        assert.deepStrictEqual(changedPaths({ traffic: { "a-cpu": 80, b_2: 1, "x.y": 2 } }, neu, () => false), ['traffic["a-cpu"]', "traffic.b_2", 'traffic["x.y"]']);
    });

    it("resolves alias specs as the engine does, and gives children the parent's alias with its name prefix swapped", () => {
        const parent = rec(T.component, "new-ep", {}, { aliases: [JSON.stringify({ name: "old-ep", type: "", stack: "", project: "", parenturn: "", noparent: false })] });
        const aliases = new Map<string, string>();
        const [parentAlias] = aliasUrns(parent, aliases);
        assert.strictEqual(parentAlias, "urn:pulumi:prod::aks-ml-serving::aks-ml:index:ModelEndpoint::old-ep");
        aliases.set(parent.urn, parentAlias);
        const child = rec(T.endpoint, "new-ep-endpoint", {}, { parent: parent.urn });
        assert.deepStrictEqual(aliasUrns(child, aliases), [`urn:pulumi:prod::aks-ml-serving::aks-ml:index:ModelEndpoint$${T.endpoint}::old-ep-endpoint`]);
    });

    it("azure-native: the ARM path parameters come from the installed SDK's getter; ForceNew from the provider's forceNewMap", () => {
        assert.deepStrictEqual(azureNativePathParams(T.deployment), ["deploymentName", "endpointName", "resourceGroupName", "workspaceName"]);
        assert.deepStrictEqual(azureNativePathParams(T.cluster), ["resourceGroupName", "resourceName"]);
        assert.deepStrictEqual(azureNativePathParams("azure-native:kubernetesconfiguration:Extension"), ["clusterName", "clusterResourceName", "clusterRp", "extensionName", "resourceGroupName"]);
        assert.deepStrictEqual(azureNativePathParams("azure-native:storage:StorageAccount"), ["accountName", "resourceGroupName"], "expand is a query parameter");
        assert.deepStrictEqual(providerReplaces("azure-native:machinelearningservices:ModelVersion", ["version", "properties.description"]), ["version"]);
        assert.strictEqual(azureNativePathParams("azure-native:storage:Blob"), undefined);
        assert.deepStrictEqual(providerReplaces("azure-native:storage:Blob", ["blobName", "contentType"]), ["blobName"]);
        assert.deepStrictEqual(providerReplaces(T.cluster, ["dnsPrefix", "agentPoolProfiles[0].vmSize", "networkProfile.serviceCidr", "networkProfile.loadBalancerProfile.idleTimeoutInMinutes", "tags.owner"]),
            ["dnsPrefix", "networkProfile.serviceCidr"]);
        assert.deepStrictEqual(providerReplaces(T.deployment, ["deploymentName", "properties.description", "tags.x"]), ["deploymentName"]);
        assert.deepStrictEqual(providerReplaces("random:index/randomString:RandomString", ["length"]), ["length"]);
        assert.deepStrictEqual(providerReplaces("kubernetes:core/v1:Namespace", ["metadata.name", "metadata.labels.a"]), ["metadata.name"]);
    });

    it("genForceNew parses forceNewMap entries, multi-line sets and comments included", () => {
        const go = 'var forceNewMap = map[openapi.ModuleName]map[string]codegen.StringSet{\n\t"ContainerService": {\n\t\t"ManagedCluster": codegen.NewStringSet(\n\t\t\t// cluster "x"\n\t\t\t"dnsPrefix",\n\t\t\t"location",\n\t\t),\n\t\t"AgentPool": codegen.NewStringSet("vmSize"),\n\t},\n\t"Insights": {\n\t\t"Component": codegen.NewStringSet(), // "none"\n\t},\n}\n';
        assert.deepStrictEqual(parseForceNewMap(go), { "ContainerService/ManagedCluster": ["dnsPrefix", "location"], "ContainerService/AgentPool": ["vmSize"], "Insights/Component": [] });
    });
});

describe("tools/diff: --base on the command line", () => {
    it("parses --base REF", () => {
        assert.strictEqual(parseArgs(["--stack", "prod", "--base", "origin/main"]).base, "origin/main");
        assert.strictEqual(parseArgs(["--stack", "prod"]).base, undefined);
    });

    it("an unknown ref: exit 2, one line naming it, before the program runs", async () => {
        let ran = false;
        const r = await previewInProcess(["--stack", "dev", "--base", "no-such-ref-xyz"], { runProgram: async () => { ran = true; throw new Error("ran"); } });
        assert.strictEqual(r.code, 2, r.stderr);
        assert.strictEqual(r.stderr, 'error: --base: unknown git ref "no-such-ref-xyz"\n');
        assert.strictEqual(r.stdout, "");
        assert.strictEqual(ran, false, "the program did not run");
    });
});

describe("tools/diff: diffRecords", () => {
    it("a provider ForceNew property replaces; the summary names the resource and the property", () => {
        const old = [stack(), rec(T.cluster, "aksml-prod-cluster-aks", { dnsPrefix: "a", resourceName: "aksml-prod", resourceGroupName: "rg-x" })];
        const neu = [stack(), rec(T.cluster, "aksml-prod-cluster-aks", { dnsPrefix: "b", resourceName: "aksml-prod", resourceGroupName: "rg-x" }),
            rec(T.rg, "rg", { location: "westeurope", tags: { a: "1" } })];
        const oldRg = rec(T.rg, "rg", { location: "westeurope", tags: { a: "0" } });
        const d = diffRecords([...old, oldRg], neu);
        assert.deepStrictEqual(d.changes.map((c) => [c.op, c.name, c.paths]), [["replace", "aksml-prod-cluster-aks", ["dnsPrefix"]], ["update", "rg", ["tags.a"]]]);
        assert.strictEqual(diffSummary({ base: "main", ...d }), "1 update, 1 replacement: aksml-prod-cluster-aks (dnsPrefix)");
        assert.deepStrictEqual(d.errors, []);
        // azure-native asks to delete first when the program names the resource (provider.go Diff) ...
        assert.deepStrictEqual(d.steps.map((s) => `${s.op} ${s.name}`), ["delete-replaced aksml-prod-cluster-aks", "create-replacement aksml-prod-cluster-aks", "update rg"]);
        assert.strictEqual(d.changes[0].deleteBeforeReplace, true);
        // ... unless the program says otherwise, or the provider named it (a path parameter left out).
        const cbd = diffRecords(old, [stack(), { ...neu[1], deleteBeforeReplaceDefined: true }]);
        assert.deepStrictEqual(cbd.steps.map((s) => s.op), ["create-replacement", "delete-replaced"]);
        const auto = (v: string) => rec(T.cluster, "aks", { dnsPrefix: v });
        assert.deepStrictEqual(diffRecords([stack(), auto("a")], [stack(), auto("b")]).steps.map((s) => s.op), ["create-replacement", "delete-replaced"]);
    });

    it("a rename with an alias is an update (no delete); without one it is a replacement: create first, delete last", () => {
        const base = [stack(), rec(T.rg, "old-rg", { resourceGroupName: "rg-x" }), rec(T.endpoint, "e", { endpointName: "churn" })];
        const aliased = [stack(), rec(T.rg, "new-rg", { resourceGroupName: "rg-x" }, { aliases: [JSON.stringify({ name: "old-rg", type: "", stack: "", project: "", parenturn: "", noparent: false })] }), rec(T.endpoint, "e", { endpointName: "churn" })];
        const a = diffRecords(base, aliased);
        assert.deepStrictEqual(a.changes.map((c) => [c.op, c.name, c.oldUrn?.split("::").pop()]), [["update", "new-rg", "old-rg"]]);
        assert.deepStrictEqual(a.steps.map((s) => s.op), ["update"]);

        const renamed = [stack(), rec(T.rg, "new-rg", { resourceGroupName: "rg-x" }), rec(T.endpoint, "e", { endpointName: "churn" })];
        const b = diffRecords(base, renamed);
        assert.deepStrictEqual(b.changes.map((c) => [c.op, c.name, c.causes.map((k) => k.by)]), [["replace", "new-rg", ["rename"]]]);
        assert.deepStrictEqual(b.steps.map((s) => `${s.op} ${s.name}`), ["create new-rg", "delete old-rg"]);
        assert.strictEqual(diffSummary({ base: "main", ...b }), "1 replacement: new-rg (renamed without an alias)");
    });

    it("a protected resource deleted, or replaced while protected on both sides, fails with the engine's messages", () => {
        const rg = rec(T.rg, "rg", { resourceGroupName: "rg-x", location: "westeurope" }, { protect: true });
        const gone = diffRecords([stack(), rg], [stack()]);
        assert.deepStrictEqual(gone.errors, [deleteProtectedMessage(rg.urn)]);
        assert.match(gone.errors[0], /^resource "urn:pulumi:prod::aks-ml-serving::azure-native:resources:ResourceGroup::rg" cannot be deleted\nbecause it is protected\./);

        const moved = rec(T.rg, "rg", { resourceGroupName: "rg-x", location: "northeurope" }, { protect: true });
        const replaced = diffRecords([stack(), rg], [stack(), moved]);
        assert.deepStrictEqual(replaced.changes.map((c) => [c.op, c.paths]), [["replace", ["location"]]]);
        assert.deepStrictEqual(replaced.errors, [replaceProtectedMessage(rg.urn)]);
        // Unprotecting and replacing in one change is allowed (step_generator.go looks at both).
        assert.deepStrictEqual(diffRecords([stack(), rg], [stack(), { ...moved, protect: false }]).errors, []);
    });

    it("an unknown input follows its dependency: replaced -> changes (here a path parameter: replaces); updated -> unchanged", () => {
        const rgOld = rec(T.rg, "rg", { resourceGroupName: "rg-x", location: "westeurope", tags: {} });
        const child = (rgUrn: string) => rec(T.endpoint, "e", { endpointName: "churn", resourceGroupName: UNKNOWN }, { propertyDependencies: { resourceGroupName: [rgUrn] }, dependencies: [rgUrn] });
        const updated = diffRecords([stack(), rgOld, child(rgOld.urn)], [stack(), { ...rgOld, raw: { ...rgOld.raw, tags: { a: "1" } } }, child(rgOld.urn)]);
        assert.deepStrictEqual(updated.changes.map((c) => [c.op, c.name]), [["update", "rg"]]);
        const moved = { ...rgOld, raw: { ...rgOld.raw, location: "northeurope" } };
        const replaced = diffRecords([stack(), rgOld, child(rgOld.urn)], [stack(), moved, child(rgOld.urn)]);
        assert.deepStrictEqual(replaced.changes.map((c) => [c.op, c.name, c.paths]), [["replace", "rg", ["location"]], ["replace", "e", ["resourceGroupName"]]]);
    });

    it("a dependency renamed without an alias is new: its dependents' unknown inputs change with it", () => {
        const child = (rgUrn: string) => rec(T.endpoint, "e", { endpointName: "churn", resourceGroupName: UNKNOWN }, { propertyDependencies: { resourceGroupName: [rgUrn] } });
        const oldRg = rec(T.rg, "old-rg", { resourceGroupName: "rg-x" });
        const newRg = rec(T.rg, "new-rg", { resourceGroupName: "rg-x" });
        const d = diffRecords([stack(), oldRg, child(oldRg.urn)], [stack(), newRg, child(newRg.urn)]);
        assert.deepStrictEqual(d.changes.map((c) => [c.op, c.name, c.causes.map((k) => k.by)]), [["replace", "new-rg", ["rename"]], ["replace", "e", ["provider"]]]);
        assert.deepStrictEqual(d.steps.map((s) => `${s.op} ${s.name}`), ["create new-rg", "create-replacement e", "delete-replaced e", "delete old-rg"]);
    });

    it("an instance type change: new deployment, then the applier moves traffic, then the old one is deleted", () => {
        const d = diffRecords([stack(), ...endpoint({ "a-cpu": 80, "b-cpu": 20 })], [stack(), ...endpoint({ "a-cpu": 80, "b-gpu": 20 })]);
        assert.deepStrictEqual(d.changes.map((c) => [c.op, c.name, c.causes.map((k) => `${k.path} (${k.by})`)]), [
            ["replace", "ep-b", ["deploymentName (provider)", "properties.instanceType (replaceOnChanges)"]],
            ["update", "ep-traffic", []],
        ]);
        assert.deepStrictEqual(d.rollouts, [{ endpoint: "churn", steps: ["create replacement deployment b-gpu", "update traffic applier (traffic: a-cpu=80, b-gpu=20)", "delete replaced deployment b-cpu"] }]);
        assert.deepStrictEqual(d.errors, []);
    });

    it("a version removed: the applier's new map first, the deletion last; deleting with traffic still on it is an error", () => {
        const ok = diffRecords([stack(), ...endpoint({ "a-cpu": 80, "b-cpu": 20 })], [stack(), ...endpoint({ "a-cpu": 100 })]);
        assert.deepStrictEqual(ok.changes.map((c) => `${c.op} ${c.name} ${c.paths.join(",")}`),
            ['update ep-traffic properties.parameters.properties.value.traffic["a-cpu"],properties.parameters.properties.value.traffic["b-cpu"]', "delete ep-b "]);
        assert.deepStrictEqual(ok.rollouts[0].steps, ["update traffic applier (traffic: a-cpu=100)", "delete deployment b-cpu"]);
        assert.deepStrictEqual(ok.errors, []);
        // The applier left as it was (still naming b-cpu): ARM would refuse the deletion.
        const head = endpoint({ "a-cpu": 80 }).filter((r) => r.type !== T.applier);
        const stale = diffRecords([stack(), ...endpoint({ "a-cpu": 80, "b-cpu": 20 })], [stack(), ...head, endpoint({ "a-cpu": 80, "b-cpu": 20 }).find((r) => r.type === T.applier)!]);
        assert.deepStrictEqual(stale.errors, ['endpoint "churn": deployment "b-cpu" (ep-b) would be deleted while it still takes 20% of the traffic; ARM refuses to delete a deployment with traffic: move its traffic first']);
    });

    it("delete-before-replace of a deployment with traffic is an error: the deletion runs before the applier", () => {
        const d = diffRecords([stack(), ...endpoint({ "a-cpu": 100 }, { dbr: true })], [stack(), ...endpoint({ "a-gpu": 100 }, { dbr: true })]);
        assert.deepStrictEqual(d.rollouts[0].steps, ["delete replaced deployment a-cpu", "create replacement deployment a-gpu", "update traffic applier (traffic: a-gpu=100)"]);
        assert.strictEqual(d.errors.length, 1);
        assert.match(d.errors[0], /deployment "a-cpu" \(ep-a\) would be deleted while it still takes 100% of the traffic/);
    });

    it("the real engine's replacement: its replace keys and the nested paths replaceOnChanges made '-replace' are both causes", () => {
        const [ep] = endpoint({ "a-cpu": 100 }).filter((r) => r.type === T.deployment);
        const head = { ...ep, replaceOnChanges: ["properties.instanceType"] };
        const step = { op: "replace", urn: ep.urn, newState: { type: ep.type, custom: true } as any, replaceReasons: ["deploymentName"],
            detailedDiff: { deploymentName: { kind: "update-replace", inputDiff: true }, "properties.instanceType": { kind: "update-replace", inputDiff: true } } };
        const d = diffOfEngine([ep], [head], [step], []);
        assert.deepStrictEqual(d.changes.map((c) => c.causes), [[{ path: "deploymentName", by: "provider" }, { path: "properties.instanceType", by: "replaceOnChanges" }]]);
    });

    it("deletions are listed dependents first, as the engine schedules them (ScheduleDeletes): the old state backwards", () => {
        const base = [stack(), ...endpoint({ "a-cpu": 100 })];
        const d = diffRecords(base, [stack()]);
        assert.deepStrictEqual(d.changes.map((c) => `${c.op} ${c.name}`), ["delete ep-traffic", "delete ep-a", "delete ep-endpoint", "delete ep"]);
    });

    it("an endpoint deleted whole takes its deployments with it (deletedWith): no traffic error", () => {
        const d = diffRecords([stack(), ...endpoint({ "a-cpu": 100 })], [stack()]);
        assert.deepStrictEqual(d.errors, []);
        assert.deepStrictEqual(d.steps.map((s) => `${s.op} ${s.name}`), ["delete ep-traffic", "delete ep-a", "delete ep-endpoint", "delete ep"]);
    });

    it("renders the summary before the changes (text, markdown)", () => {
        const d = { base: "origin/main", ...diffRecords([stack(), ...endpoint({ "a-cpu": 100 })], [stack(), ...endpoint({ "a-gpu": 100 })]) };
        const text = diffTextLines(d);
        assert.strictEqual(text[0], "Changes against origin/main: 1 update, 1 replacement: ep-a (deploymentName, properties.instanceType)");
        const many = { base: "main", changes: ["a", "b", "c", "d", "e", "f", "g"].map((name) => ({ op: "delete" as const, urn: name, name, type: T.rg, custom: true, paths: [], causes: [] })), steps: [], errors: [], rollouts: [] };
        assert.strictEqual(diffSummary(many), "7 deletions: a, b, c, d, e and 2 more");
        assert.ok(text.some((l) => l.includes("ep-a because deploymentName (provider), properties.instanceType (replaceOnChanges)")), text.join("\n"));
        const md = diffMarkdownLines(d);
        assert.strictEqual(md[0], "**Changes against `origin/main`: 1 update, 1 replacement: ep-a (deploymentName, properties.instanceType)**");
        assert.ok(md.some((l) => l.startsWith("Rollout of `churn`: 1. create replacement deployment a-gpu → 2. update traffic applier")));
    });

    it("the renderers put the diff first: before the verdict and the resource tree (text, markdown), under `diff` (json)", () => {
        const head = [stack(), ...endpoint({ "a-gpu": 100 })];
        const d = { base: "origin/main", ...diffRecords([stack(), ...endpoint({ "a-cpu": 100 })], head) };
        const p: Preview = { stack: "prod", stackFile: "Pulumi.prod.yaml", engine: emulatedInfo([]), tree: buildTree(head), summary: summarize(head),
            policy: { pack: { name: "pack", version: "1.0.0" }, policies: [], findings: [], remediations: [] }, diff: d };
        const summary = "1 update, 1 replacement: ep-a (deploymentName, properties.instanceType)";
        const md = renderMarkdown(p);
        assert.ok(md.indexOf(summary) > 0 && md.indexOf(summary) < md.indexOf("passed:") && md.indexOf("passed:") < md.indexOf("Resource tree"), md);
        const text = renderText(p);
        assert.ok(text.indexOf(`Changes against origin/main: ${summary}`) < text.indexOf("Resources\n"), text);
        assert.strictEqual(JSON.parse(renderJson(p)).diff.summary, summary);
        assert.ok(!renderMarkdown({ ...p, diff: undefined }).includes("Changes against"), "no --base, no diff");
    });
});
