// `--base` through both engines: the real CLI deploys the base (`pulumi up` with the stand-ins) and
// previews the branch with `--diff`, so updates, replacements and their order are the engine's own
// decisions; the emulated diff (tools/diff) decides them itself. On the config changes of
// test/tools/diffGit.spec.ts (prod's stack file edited; the base is HEAD's), both give the same
// changes (op, resource, changed paths), the same rollout steps per endpoint, the same errors and
// summary, and the same exit code.
import { stackTextEdited } from "../helpers/stackFiles";
import * as assert from "assert";
import type { Exited } from "../helpers/background";
import { previewBoth, tempDir } from "./helpers";

const tmp = tempDir("aksml-conf-diff-");

const prodEdited = (name: string, edits: [string | RegExp, string][]) => stackTextEdited(tmp, "prod", name, edits);

const CASES: Record<string, [string | RegExp, string][]> = {
    "no change": [],
    "an instance type change (a replacement, traffic moved first)": [["instanceType: defaultinstancetype\n", "instanceType: gpu\n"]],
    "a system pool VM size change (an in-place update)": [["vmSize: Standard_D4s_v5", "vmSize: Standard_D8s_v5"]],
    "a version removed (the applier first, then the deletion)": [[/        - versionName: churn-v4\n(?: {10}.*\n)*/, ""], ["trafficPercentile: 80", "trafficPercentile: 100"]],
};

/**
 * Prod's cluster given another ARM name: a replacement of a protected resource, which both refuse
 * (exit 1, the engine's message). Compared here: the exit code, the errors and which resources
 * change how. Not compared, because they differ: the real engine replaces the cluster delete-first
 * and takes its dependents down with it as dependent replacements (step_generator.go
 * calculateDependentReplacements: no causes, no paths, delete-before-replace), and stops at the
 * refusal; the emulated diff gives each dependent its own diff and causes.
 */
const REFUSED: [string | RegExp, string][] = [["    name: aksml-prod\n", "    name: aksml-prod2\n"]];

const changes = (r: Exited) => {
    const out = JSON.parse(r.stdout);
    return { changes: (out.diff.changes as any[]).map((c) => `${c.op} ${c.type} ${c.name} [${(c.paths ?? []).join(", ")}]`).sort(), errors: out.diff.errors, summary: out.diff.summary, rollouts: out.diff.rollouts };
};

describe("conformance: --base HEAD through the real CLI (pulumi up, then preview --diff) and the emulated diff", function () {
    this.timeout(900000);
    const results: Record<string, { pulumi: Exited; emulated: Exited }> = {};
    before(async () => {
        for (const [name, edits] of Object.entries(CASES)) {
            results[name] = await previewBoth(["--stack", "prod", "--stack-file", prodEdited(name.replace(/\W+/g, "-"), edits), "--base", "HEAD", "--format", "json"]);
        }
    });

    it("the protected cluster renamed: exit 1 from both, the same refusal, the same resources replaced and updated", async () => {
        const { pulumi, emulated } = await previewBoth(["--stack", "prod", "--stack-file", prodEdited("refused", REFUSED), "--base", "HEAD", "--format", "json"]);
        assert.strictEqual(pulumi.code, 1, pulumi.stderr);
        assert.strictEqual(emulated.code, 1, emulated.stderr);
        assert.strictEqual(pulumi.stderr, emulated.stderr);
        const what = (r: Exited) => {
            const d = JSON.parse(r.stdout).diff;
            return { changes: (d.changes as any[]).map((c) => `${c.op} ${c.type} ${c.name}`).sort(), errors: d.errors };
        };
        assert.deepStrictEqual(what(pulumi), what(emulated));
        assert.ok(what(pulumi).errors.some((e: string) => /ManagedCluster::aksml-prod-cluster-aks"\nas it is currently marked for protection/.test(e)), JSON.stringify(what(pulumi).errors));
    });

    for (const name of Object.keys(CASES)) {
        it(`${name}: the same changes, errors and exit code`, () => {
            const { pulumi, emulated } = results[name];
            assert.strictEqual(pulumi.code, emulated.code, `${pulumi.stderr}\n${emulated.stderr}`);
            assert.deepStrictEqual(changes(pulumi), changes(emulated));
            if (name === "no change") assert.deepStrictEqual(changes(pulumi).changes, []);
            else assert.ok(changes(pulumi).changes.length > 0);
        });
    }
});
