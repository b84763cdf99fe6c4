// The example pack configs (policy/*.example.json): a compliance team's starting point (everything
// mandatory) and one for stacks that are not ours (baseline advisory, only on clusters attached to
// Azure ML). pulumi-policy treats `remediate` on a policy without remediateResource as mandatory,
// and on a stack policy too, without a word (sdk/nodejs/policy/server.ts at v1.21.0:
// makeAnalyzeRpcFun / makeAnalyzeStackRpcFun downgrade "remediate" to "mandatory"; makeRemediateRpcFun
// skips policies without remediateResource): an example may only ask for it where it does something.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Policy } from "@pulumi/policy";
import { res, T, validStack } from "./fixtures";
import { PACK_DIR, usePack } from "./helpers";

const EXAMPLES = fs.readdirSync(PACK_DIR).filter((f) => f.endsWith(".example.json"));
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(PACK_DIR, f), "utf8")) as Record<string, any>;
const level = (v: any): string | undefined => (typeof v === "string" ? v : v?.enforcementLevel);

/** The compiled pack's policies (built by usePack's hook, before the tests). */
function packPolicies(): Policy[] {
    // The compiled pack, as published (policy/bin); its policy list is a plain module export.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only after the build
    return require(path.join(PACK_DIR, "bin", "policies")).POLICIES as Policy[];
}

/** Problems of one example config: unknown names, remediate where nothing is remediated, bad scopes. */
export function exampleProblems(config: Record<string, any>, policies: Policy[]): string[] {
    const byName = new Map(policies.map((p) => [p.name, p as any]));
    const out: string[] = [];
    for (const [name, value] of Object.entries(config)) {
        const p = byName.get(name);
        if (!p) {
            out.push(`${name}: no such policy`);
            continue;
        }
        if (level(value) === "remediate" && typeof p.remediateResource !== "function") {
            out.push(`${name}: "remediate" on a policy without a remediation; pulumi-policy enforces it as mandatory`);
        }
        const scope = typeof value === "object" ? value.scope : undefined;
        if (scope !== undefined && !(p.configSchema?.properties?.scope?.enum ?? []).includes(scope)) out.push(`${name}: scope "${scope}" is not an option of this policy`);
    }
    return out;
}

describe("policy pack: example configs", () => {
    const pack = usePack();

    it("there are two examples", () => {
        assert.deepStrictEqual(EXAMPLES.sort(), ["config.example.json", "config.other-stacks.example.json"]);
    });

    for (const file of EXAMPLES) {
        it(`${file}: every key is a policy, every "remediate" names a policy that remediates, every scope is an option`, () => {
            assert.deepStrictEqual(exampleProblems(read(file), packPolicies()), []);
        });
    }

    it("the check catches remediate on a policy without a remediation (the mistake of issue 10 item 7)", () => {
        assert.deepStrictEqual(exampleProblems({ "baseline-rbac": "remediate", "endpoint-traffic": { enforcementLevel: "remediate" }, "authorized-ranges-standard-lb": "remediate" }, packPolicies()), [
            'baseline-rbac: "remediate" on a policy without a remediation; pulumi-policy enforces it as mandatory',
            'endpoint-traffic: "remediate" on a policy without a remediation; pulumi-policy enforces it as mandatory',
        ]);
    });

    it("config.example.json lists every policy, all mandatory (the compliance team's starting point)", () => {
        const cfg = read("config.example.json");
        const names = packPolicies().map((p) => p.name);
        assert.deepStrictEqual(Object.keys(cfg).sort(), [...names].sort());
        assert.deepStrictEqual(names.filter((n) => level(cfg[n]) !== "mandatory" && n !== "devtest-capacity"), []);
    });

    it("config.other-stacks.example.json: a plain AKS stack (no Azure ML) gets no mandatory finding and no baseline finding", async () => {
        await pack().configure(read("config.other-stacks.example.json"));
        const plain = [
            res(T.rg, "rg", { resourceGroupName: "rg-k8s", location: "westus2" }),
            res(T.cluster, "aks", {
                resourceGroupName: "rg-k8s", location: "westus2", dnsPrefix: "k8s", identity: { type: "SystemAssigned" }, disableLocalAccounts: true,
                agentPoolProfiles: [{ name: "agentpool", mode: "System", vmSize: "Standard_DS2_v2", count: 3 }],
                apiServerAccessProfile: { authorizedIPRanges: ["0.0.0.0/0"] },
            }),
        ];
        assert.deepStrictEqual((await pack().analyzeAll(plain)).map((d) => `${d.enforcementLevel} ${d.policyName}: ${d.message}`), []);
    });

    it("config.other-stacks.example.json: the baseline still advises on a cluster attached to Azure ML, and the prerequisites stay mandatory", async () => {
        await pack().configure(read("config.other-stacks.example.json"));
        const ds = await pack().analyzeAll(validStack("known").with("aks", (p) => { p.enableRBAC = false; p.disableLocalAccounts = true; }).resources);
        assert.deepStrictEqual(ds.map((d) => `${d.enforcementLevel} ${d.policyName}`).sort(), ["advisory baseline-rbac", "mandatory azureml-prerequisites"]);
    });
});
