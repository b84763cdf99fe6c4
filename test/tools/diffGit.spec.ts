// The diff against a base ref with real git history: this project's files in a temporary git
// repository, a base commit, one branch per change. Each git state runs once, by the engine's path
// (tools/diff/base.ts withWorktree + tools/engine runProgram), in `before`; the protected deletion
// runs the command line (`--base`) end to end. Pure cases: diff.spec.ts.
import * as assert from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runBase, withWorktree } from "../../tools/diff/base";
import { Change, deleteProtectedMessage, diffRecords, StackDiff } from "../../tools/diff/compute";
import { runProgram } from "../../tools/engine";
import type { Recorded } from "../../tools/lib/recorder";
import { diffSummary } from "../../tools/preview/diffRender";

const ROOT = path.resolve(__dirname, "..", "..");
const DEPLOYMENT = "azure-native:machinelearningservices:OnlineDeployment";
const APPLIER = "azure-native:resources:Deployment";

let repo: string;
const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" }).trim();

/** Rewrites a file of the temporary repository; the text to replace must be there. */
function edit(file: string, from: string | RegExp, to: string): void {
    const p = path.join(repo, file);
    const text = fs.readFileSync(p, "utf8");
    assert.ok(typeof from === "string" ? text.includes(from) : from.test(text), `${file} should contain ${from}`);
    fs.writeFileSync(p, text.replace(from, to));
}

/** A branch off main with one change, committed. */
function branch(name: string, change: () => void): void {
    git("checkout", "-q", "-b", name, "main");
    change();
    git("commit", "-qam", name);
    git("checkout", "-q", "main");
}

const RG = "new resources.ResourceGroup(`${prefix}-rg`, { resourceGroupName: cfg.resourceGroup.name, location: cfg.location }, { protect: cfg.protect })";
const GROUP = "new resources.ResourceGroup(`${prefix}-group`, { resourceGroupName: cfg.resourceGroup.name, location: cfg.location }, { protect: cfg.protect })";
const GROUP_ALIASED = GROUP.replace("{ protect: cfg.protect }", "{ protect: cfg.protect, aliases: [{ name: `${prefix}-rg` }] }");

const what = (d: StackDiff) => d.changes.map((c: Change) => `${c.op} ${c.name}`);

describe("tools/diff with git history (prod, engine path)", function () {
    this.timeout(600000);
    let base: Recorded[];
    const diffs: Record<string, StackDiff> = {};
    let cli: { code: number | null; stdout: string; stderr: string };

    before(async () => {
        repo = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-diffgit-"));
        const files = execFileSync("git", ["-C", ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z"], { encoding: "utf8" }).split("\0").filter(Boolean);
        for (const f of files) {
            if (!fs.existsSync(path.join(ROOT, f))) continue;
            fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
            fs.copyFileSync(path.join(ROOT, f), path.join(repo, f));
        }
        git("init", "-q", "-b", "main");
        git("config", "user.email", "test@example.com");
        git("config", "user.name", "test");
        // The base: prod as it is, its control version with a description.
        edit("Pulumi.prod.yaml", "        - versionName: churn-v3\n", "        - versionName: churn-v3\n          description: Control, churn model 3\n");
        git("add", "-A");
        git("commit", "-qm", "base");
        // Installed, not tracked (a symlink is not matched by .gitignore's "node_modules/").
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"), "dir");
        branch("description", () => edit("Pulumi.prod.yaml", "description: Control, churn model 3", "description: Control version, churn model 3"));
        // The control version moves onto the GPU pool's instance type (its requests and limits fit it).
        branch("instance-type", () => edit("Pulumi.prod.yaml", "instanceType: defaultinstancetype\n", "instanceType: gpu\n"));
        branch("vm-size", () => edit("Pulumi.prod.yaml", "vmSize: Standard_D4s_v5", "vmSize: Standard_D8s_v5"));
        branch("version-removed", () => {
            edit("Pulumi.prod.yaml", /        - versionName: churn-v4\n(?: {10}.*\n)*/, ""); // the item's lines, up to the next key
            edit("Pulumi.prod.yaml", "trafficPercentile: 80", "trafficPercentile: 100");
        });
        branch("rename-alias", () => edit("infra/program.ts", RG, GROUP_ALIASED));
        branch("rename-no-alias", () => edit("infra/program.ts", RG, GROUP));

        base = await runBase(repo, "main", "prod");
        for (const ref of ["description", "instance-type", "vm-size", "version-removed", "rename-alias"]) {
            const head = await withWorktree(repo, ref, async (dir) => (await runProgram({ root: dir, stack: "prod", preview: true })).records);
            diffs[ref] = diffRecords(base, head);
        }
        // The protected deletion, end to end: the command line in the repository at that branch.
        git("checkout", "-q", "rename-no-alias");
        const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/preview.ts", "--stack", "prod", "--base", "main", "--format", "json"],
            { cwd: repo, encoding: "utf8", env: { ...process.env, AKSML_DEBUG: "" } });
        cli = { code: r.status, stdout: r.stdout, stderr: r.stderr };
        git("checkout", "-q", "main");
    });
    after(() => {
        if (repo) fs.rmSync(repo, { recursive: true, force: true });
    });

    it("the base ref's worktree is removed after its run", () => {
        assert.deepStrictEqual(git("worktree", "list", "--porcelain").split("\n").filter((l) => l.startsWith("worktree ")).length, 1);
        assert.ok(base.some((r) => r.type === DEPLOYMENT), "the base ran the real program");
    });

    it("a change that only touches a description: one update, nothing else", () => {
        const d = diffs.description;
        assert.deepStrictEqual(d.changes.map((c) => [c.op, c.name, c.paths]), [["update", "aksml-prod-ep-churn-prod-churn-v3", ["properties.description"]]]);
        assert.deepStrictEqual(d.errors, []);
        assert.strictEqual(diffSummary({ base: "main", ...d }), "1 update");
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

    it("a rename with an alias: an update of the resource group (its URN), nothing replaced or deleted", () => {
        const d = diffs["rename-alias"];
        assert.deepStrictEqual(d.changes.map((c) => [c.op, c.name, c.oldUrn?.split("::").pop()]), [["update", "aksml-prod-group", "aksml-prod-rg"]]);
        assert.deepStrictEqual(d.errors, []);
    });

    it("a rename without an alias of a protected prod resource: a replacement by rename, and the preview fails (exit 1) as pulumi preview does", () => {
        assert.strictEqual(cli.code, 1, cli.stderr);
        const oldUrn = "urn:pulumi:prod::aks-ml-serving::azure-native:resources:ResourceGroup::aksml-prod-rg";
        assert.ok(cli.stderr.includes(`error: ${deleteProtectedMessage(oldUrn)}\n`), cli.stderr);
        const out = JSON.parse(cli.stdout);
        const rg = out.diff.changes.find((c: Change) => c.name === "aksml-prod-group");
        assert.deepStrictEqual([rg.op, rg.oldUrn, rg.causes], ["replace", oldUrn, [{ path: oldUrn, by: "rename" }]]);
        assert.ok(out.diff.summary.includes("aksml-prod-group (renamed without an alias)"), out.diff.summary);
        assert.ok(out.diff.errors.includes(deleteProtectedMessage(oldUrn)));
        // The new group's name is unknown at preview: what sits in it is replaced (resourceGroupName is an ARM path parameter).
        const cluster = out.diff.changes.find((c: Change) => c.name === "aksml-prod-cluster-aks");
        assert.strictEqual(cluster.op, "replace");
        assert.ok(cluster.causes.some((c: { path: string; by: string }) => c.path === "resourceGroupName" && c.by === "provider"), JSON.stringify(cluster.causes));
    });
});
