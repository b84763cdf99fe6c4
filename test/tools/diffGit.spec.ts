// The diff against a base ref. With git (by the engine's path): a small project in a repository, its
// base ref's program run in a worktree (tools/diff/base.ts runBase) and its branch's run, diffed by URN.
// On prod's real program (in process): its config and an edited copy of it (what a config-only change
// makes), and a protected rename through the preview's main with the base's records given.
// Pure cases: diff.spec.ts.
import { stackTextEdited } from "../helpers/stackFiles";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Change, deleteProtectedMessage, diffRecords, StackDiff } from "../../tools/diff/compute";
import type { Recorded } from "../../tools/lib/recorder";
import { loadStack, recordStack } from "../../tools/lib/stackRun";
import { diffSummary } from "../../tools/preview/diffRender";
import { gitProject, GitProject } from "../helpers/gitProject";
import { previewInProcess } from "../helpers/preview";
import { stackRun } from "../helpers/stacks";

const DEPLOYMENT = "azure-native:machinelearningservices:OnlineDeployment";
const APPLIER = "azure-native:resources:Deployment";
const RG_TYPE = "azure-native:resources:ResourceGroup";

const what = (d: StackDiff) => d.changes.map((c: Change) => `${c.op} ${c.name}`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-diff-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("tools/diff with git: the base ref's program in a worktree, by the engine's path", function () {
    this.timeout(600000);
    let r: GitProject;
    before(async () => (r = await gitProject()));

    it("runs the base ref's program (not the working tree's) and removes its worktree after the run", () => {
        assert.deepStrictEqual(r.base.filter((x) => x.type === "t:index:Thing").map((x) => [x.name, x.inputs.description]), [["a", "one"]]);
        assert.deepStrictEqual(r.head.filter((x) => x.type === "t:index:Thing").map((x) => [x.name, x.inputs.description]).sort(), [["b", "two"], ["thing-not a number", undefined]]);
        assert.strictEqual(r.worktrees, 1);
    });

    it("a rename with an alias and an edited input: an update matched by URN through the alias; a new component: a create", () => {
        const d = diffRecords(r.base, r.head);
        assert.deepStrictEqual(d.changes.map((c) => [c.op, c.name, c.oldUrn?.split("::").pop(), c.paths]).sort(), [["create", "thing-not a number", undefined, []], ["update", "b", "a", ["description"]]]);
        assert.deepStrictEqual(d.errors, []);
        assert.strictEqual(diffSummary({ ...d, base: "main" }), "1 create, 1 update");
    });
});

/** prod's config with its stack file's text edited (the text to replace must be there). */
const prodEdited = (name: string, edits: [string | RegExp, string][]) => stackTextEdited(tmp, "prod", name, edits);


describe("tools/diff on the real program: config changes (prod, in process)", function () {
    this.timeout(120000);
    const diffs: Record<string, StackDiff> = {};
    before(async () => {
        const base = (await stackRun("prod", { preview: true })).records;
        const changes: Record<string, [string | RegExp, string][]> = {
            // The control version moves onto the GPU pool's instance type (its requests and limits fit it).
            "instance-type": [["instanceType: defaultinstancetype\n", "instanceType: gpu\n"]],
            "vm-size": [["vmSize: Standard_D4s_v5", "vmSize: Standard_D8s_v5"]],
            "version-removed": [[/        - versionName: churn-v4\n(?: {10}.*\n)*/, ""], ["trafficPercentile: 80", "trafficPercentile: 100"]],
        };
        for (const [name, edits] of Object.entries(changes)) {
            const head = await recordStack("prod", { preview: true, config: loadStack("prod", prodEdited(name, edits)) });
            diffs[name] = diffRecords(base, head.records);
        }
    });
    it("an instance type change: a new deployment, the traffic moved onto it, the old one deleted last", () => {
        const d = diffs["instance-type"];
        assert.deepStrictEqual(what(d), ["replace aksml-prod-ep-churn-prod-churn-v3", "update aksml-prod-ep-churn-prod-traffic"]);
        const replaced = d.changes[0];
        assert.deepStrictEqual(replaced.causes.map((c) => `${c.path} (${c.by})`), ["deploymentName (provider)", "properties.instanceType (replaceOnChanges)"]);
        const [steps] = d.rollouts.map((r) => r.steps);
        assert.strictEqual(steps.length, 3);
        assert.match(steps[0], /^create replacement deployment churn-v3-\w{6}$/);
        assert.match(steps[1], /^update traffic applier \(traffic: churn-v3-\w{6}=80, churn-v4-\w{6}=20\)$/);
        assert.match(steps[2], /^delete replaced deployment churn-v3-\w{6}$/);
        assert.notStrictEqual(steps[0].split(" ").pop(), steps[2].split(" ").pop(), "the new deployment has a new ARM name");
        assert.ok(steps[1].includes(steps[0].split(" ").pop()!), "the applier names the new deployment");
        assert.deepStrictEqual(d.errors, []);
    });

    it("a system pool VM size change: an in-place update of the cluster, as azure-native decides (vmSize is ForceNew on AgentPool only)", () => {
        const d = diffs["vm-size"];
        assert.deepStrictEqual(d.changes.map((c) => [c.op, c.name, c.paths]), [["update", "aksml-prod-cluster-aks", ["agentPoolProfiles[0].vmSize"]]]);
        assert.deepStrictEqual(d.errors, []);
    });

    it("a version removed: the applier's new traffic first, then the deployment's deletion; no error", () => {
        const d = diffs["version-removed"];
        assert.ok(what(d).includes("delete aksml-prod-ep-churn-prod-churn-v4"), what(d).join("; "));
        assert.ok(what(d).includes("update aksml-prod-ep-churn-prod-traffic"));
        assert.ok(!d.changes.some((c) => c.op === "replace"), what(d).join("; "));
        const steps = d.rollouts[0].steps;
        assert.match(steps[steps.length - 1], /^delete deployment churn-v4-\w{6}$/);
        const applier = steps.findIndex((s) => s.startsWith("update traffic applier"));
        assert.ok(applier >= 0 && applier < steps.length - 1, steps.join("; "));
        assert.match(steps[applier], /\(traffic: churn-v3-\w{6}=100\)$/);
        assert.deepStrictEqual(d.errors, []);
        // Besides the deployment, only what it alone used goes: model v4's registration and its files
        // (local assets are registered once per workspace by content, components/modelAssets.ts).
        const deleted = d.changes.filter((c) => c.op === "delete" && c.type !== DEPLOYMENT);
        const assets = new Set(deleted.map((c) => /^aksml-prod-assets-model-[0-9a-f]+/.exec(c.name)?.[0]));
        assert.ok(deleted.length === 3 && assets.size === 1 && !assets.has(undefined), deleted.map((c) => `${c.type} ${c.name}`).join("; "));
        assert.ok(d.changes.some((c) => c.type === APPLIER));
    });
});

describe("tools/diff on the real program: a protected resource renamed without an alias (prod, in process)", function () {
    this.timeout(120000);
    it("a replacement by rename, and the preview fails (exit 1) as pulumi preview does", async () => {
        // The base: prod as it is, its resource group under another name (what the rename left behind).
        const head = (await stackRun("prod", { preview: true })).records;
        const rg = head.find((x) => x.type === RG_TYPE)!;
        assert.ok(rg.protect, "prod protects its resource group");
        const oldUrn = rg.urn.replace(/::aksml-prod-rg$/, "::aksml-prod-legacy-rg");
        assert.notStrictEqual(oldUrn, rg.urn);
        const base: Recorded[] = JSON.parse(JSON.stringify(head).split(JSON.stringify(rg.urn)).join(JSON.stringify(oldUrn)));
        base.find((x) => x.urn === oldUrn)!.name = "aksml-prod-legacy-rg";
        const cli = await previewInProcess(["--stack", "prod", "--base", "HEAD", "--format", "json"], { base });
        assert.strictEqual(cli.code, 1, cli.stderr);
        assert.ok(cli.stderr.includes(`error: ${deleteProtectedMessage(oldUrn)}\n`), cli.stderr);
        const out = JSON.parse(cli.stdout);
        const replaced = out.diff.changes.find((c: Change) => c.name === "aksml-prod-rg");
        assert.deepStrictEqual([replaced.op, replaced.oldUrn, replaced.causes], ["replace", oldUrn, [{ path: oldUrn, by: "rename" }]]);
        assert.ok(out.diff.summary.includes("aksml-prod-rg (renamed without an alias)"), out.diff.summary);
        assert.ok(out.diff.errors.includes(deleteProtectedMessage(oldUrn)));
        // The new group's name is unknown at preview: what sits in it is replaced (resourceGroupName is an ARM path parameter).
        const cluster = out.diff.changes.find((c: Change) => c.name === "aksml-prod-cluster-aks");
        assert.strictEqual(cluster.op, "replace");
        assert.ok(cluster.causes.some((c: { path: string; by: string }) => c.path === "resourceGroupName" && c.by === "provider"), JSON.stringify(cluster.causes));
        assert.ok(out.diff.changes.some((c: Change) => c.type === APPLIER));
    });
});
