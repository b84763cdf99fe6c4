// The GitHub workflows parse, reference only scripts, binaries, files and stacks that exist, and
// keep the promises of issue 6 (forks get the offline preview; the real one needs credentials).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { marker } from "../../tools/preview/markdown";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, ".github", "workflows");
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;

interface Step { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; "working-directory"?: string }
interface Job { name?: string; if?: string; needs?: string | string[]; environment?: string; steps: Step[]; strategy?: { matrix?: Record<string, unknown[]> } }
interface Workflow { name: string; on: Record<string, any>; jobs: Record<string, Job> }

const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const workflows: Record<string, Workflow> = {};
for (const f of files) {
    const doc = YAML.parseDocument(fs.readFileSync(path.join(DIR, f), "utf8"));
    if (doc.errors.length === 0) workflows[f] = doc.toJS();
}
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const runs = (j: Job) => j.steps.map((s) => s.run ?? "").join("\n");
const stackExists = (s: string) => fs.existsSync(path.join(ROOT, `Pulumi.${s}.yaml`));

/** Repository paths named in a job's shell text that do not exist (paths under its own `mkdir -p` dirs are made by it). */
export function missingPaths(text: string): string[] {
    const made = [...text.matchAll(/mkdir -p ([\w.-]+)/g)].map((m) => m[1]);
    const missing: string[] = [];
    for (const m of text.matchAll(/(?<![\w$/{.-])(?:\.\/)?[\w.-]+(?:\/[\w.*-]+)+\/?/g)) {
        const p = m[0].replace(/^\.\//, "");
        if (made.some((d) => p.startsWith(`${d}/`))) continue;
        if (!fs.existsSync(path.join(ROOT, p.split("*")[0]))) missing.push(m[0]); // a glob: its directory must exist
    }
    return missing;
}

describe("GitHub workflows", () => {
    it("the path check finds paths (and only missing ones)", () => {
        const text = "mkdir -p out\ncat ./policy/package.json out/x.md > /dev/null\nnpx mocha 'test/policy/**/*.spec.ts' 'tset/policy/*.ts'\nnode polcy/index.js";
        assert.deepStrictEqual(missingPaths(text), ["tset/policy/*.ts", "polcy/index.js"]);
    });

    it("there are workflows, and every file parses as YAML with name, triggers and jobs", () => {
        assert.deepStrictEqual(files, ["ci.yml", "deploy.yml", "policy-publish.yml", "preview-comment.yml", "pulumi-preview.yml"]);
        for (const f of files) {
            const doc = YAML.parseDocument(fs.readFileSync(path.join(DIR, f), "utf8"));
            assert.deepStrictEqual(doc.errors.map((e) => e.message), [], f);
            const w = workflows[f];
            assert.ok(w.name && w.on && Object.keys(w.jobs).length > 0, `${f}: name, on, jobs`);
            for (const [id, job] of Object.entries(w.jobs)) assert.ok(Array.isArray(job.steps) && job.steps.length > 0, `${f}: job ${id} has steps`);
        }
    });

    for (const f of files) {
        describe(f, () => {
            it("every `npm run X` is a script of package.json, every npx binary is installed", () => {
                const text = steps(workflows[f]).map((s) => s.run ?? "").join("\n");
                for (const m of text.matchAll(/\bnpm run(?: -s| --silent)? ([\w:.-]+)/g)) assert.ok(scripts[m[1]], `${f}: npm run ${m[1]}: no such script`);
                if (/\bnpm test\b/.test(text)) assert.ok(scripts.test, `${f}: npm test: no test script`);
                if (/\bnpm ci\b/.test(text)) assert.ok(fs.existsSync(path.join(ROOT, "package-lock.json")), `${f}: npm ci needs package-lock.json`);
                for (const m of text.matchAll(/\bnpx ([\w.-]+)/g)) assert.ok(fs.existsSync(path.join(ROOT, "node_modules", ".bin", m[1])), `${f}: npx ${m[1]}: not installed`);
            });

            it("every file path, working directory, policy pack and stack it names exists", () => {
                for (const job of Object.values(workflows[f].jobs)) {
                    const text = runs(job);
                    for (const p of missingPaths(text)) assert.fail(`${f}: ${p}: no such path`);
                    for (const s of job.steps) {
                        for (const dir of [s["working-directory"], s.with?.["work-dir"], s.with?.policyPacks]) {
                            if (typeof dir === "string") assert.ok(fs.existsSync(path.join(ROOT, dir)), `${f}: ${dir}: no such directory`);
                        }
                    }
                    const stacks = [
                        ...[...text.matchAll(/for stack in ([\w. -]+); do/g)].flatMap((m) => m[1].trim().split(/\s+/)),
                        ...[...text.matchAll(/--stack ([\w.-]+)/g)].map((m) => m[1]),
                        ...(job.strategy?.matrix?.stack ?? []).map(String),
                    ];
                    for (const s of stacks) assert.ok(stackExists(s), `${f}: stack ${s}: no Pulumi.${s}.yaml`);
                }
            });

            it("actions are pinned to a major version", () => {
                for (const s of steps(workflows[f]).filter((x) => x.uses)) assert.match(s.uses!, /^[\w.-]+\/[\w.-]+@v\d+$/, `${f}: ${s.uses}`);
            });
        });
    }

    it("ci.yml: on pull requests, npm ci + tsc + tests, and the offline preview of dev and prod, with no secrets", () => {
        const w = workflows["ci.yml"];
        assert.ok("pull_request" in w.on && !("pull_request_target" in w.on));
        const all = Object.values(w.jobs).map(runs).join("\n");
        for (const cmd of ["npm ci", "npx tsc --noEmit", "npm run lint", "npm test"]) assert.ok(all.includes(cmd), cmd);
        assert.match(all, /for stack in dev prod; do\n\s*set \+e\n\s*npm run -s preview -- --stack "\$stack" --format markdown/);
        assert.ok(!fs.readFileSync(path.join(DIR, "ci.yml"), "utf8").includes("secrets."), "no secrets: forks have none");
        const upload = steps(w).find((s) => s.uses?.startsWith("actions/upload-artifact@"));
        assert.strictEqual(upload?.with?.name, "offline-preview");
        assert.ok(all.includes(marker("$stack")), "a failed preview's comment carries the same marker as tools/preview/markdown.ts");
    });

    it("ci.yml: a pull request's offline preview diffs against its base commit (full history checked out)", () => {
        const text = fs.readFileSync(path.join(DIR, "ci.yml"), "utf8");
        const job = workflows["ci.yml"].jobs["offline-preview"];
        assert.strictEqual(job.steps.find((s: any) => s.uses === "actions/checkout@v4")?.with?.["fetch-depth"], 0);
        assert.match(text, /BASE_SHA: \$\{\{ github\.event\.pull_request\.base\.sha \}\}/);
        assert.match(text, /base_args=\(--base "\$BASE_SHA"\)/);
        assert.match(text, /--format markdown [^\n]*"\$\{base_args\[@\]\}"/);
    });

    it("preview-comment.yml: posts the artifact of CI on workflow_run, never runs the pull request's code", () => {
        const w = workflows["preview-comment.yml"];
        assert.deepStrictEqual(w.on.workflow_run.workflows, [workflows["ci.yml"].name]);
        assert.ok(!steps(w).some((s) => s.uses?.startsWith("actions/checkout@") || s.run), "no checkout, no run steps");
        const download = steps(w).find((s) => s.uses?.startsWith("actions/download-artifact@"));
        assert.strictEqual(download?.with?.name, "offline-preview");
        const script = String(steps(w).find((s) => s.uses?.startsWith("actions/github-script@"))?.with?.script);
        assert.ok(script.includes(marker("${stack}")), "finds its comment by the marker of tools/preview/markdown.ts");
    });

    it("pulumi-preview.yml: the real preview with comment-on-pr and the policy pack, only with credentials", () => {
        const job = Object.values(workflows["pulumi-preview.yml"].jobs)[0];
        assert.ok("pull_request" in workflows["pulumi-preview.yml"].on);
        assert.match(job.if ?? "", /vars\.AZURE_PREVIEW_CLIENT_ID != ''/);
        const pulumi = job.steps.find((s) => s.uses === "pulumi/actions@v6");
        assert.deepStrictEqual([pulumi?.with?.command, pulumi?.with?.["comment-on-pr"], pulumi?.with?.policyPacks], ["preview", true, "policy"]);
    });

    it("pulumi-preview.yml: runs as the preview identity, never the deploy identity", () => {
        const text = fs.readFileSync(path.join(DIR, "pulumi-preview.yml"), "utf8");
        const pulumi = steps(workflows["pulumi-preview.yml"]).find((s) => s.uses === "pulumi/actions@v6");
        assert.strictEqual(pulumi?.env?.ARM_CLIENT_ID, "${{ vars.AZURE_PREVIEW_CLIENT_ID }}");
        assert.ok(!/vars\.AZURE_CLIENT_ID\b/.test(text), "the deploy identity's variable is not named");
        assert.ok(!Object.values(workflows["pulumi-preview.yml"].jobs).some((j) => j.environment), "no deploy environment");
    });

    it("every pulumi/actions step with a command creates the stack on first use (upsert: pulumi/actions v6 src/main.ts)", () => {
        const withCommand = files.flatMap((f) => steps(workflows[f]).filter((s) => s.uses === "pulumi/actions@v6" && s.with?.command).map((s) => [f, s] as const));
        assert.ok(withCommand.length >= 3);
        for (const [f, s] of withCommand) assert.strictEqual(s.with?.upsert, true, `${f}: ${s.with?.command}`);
    });

    it("deploy.yml: on main, pulumi up dev then prod behind protected environments", () => {
        const w = workflows["deploy.yml"];
        assert.deepStrictEqual(w.on.push.branches, ["main"]);
        const ups = Object.values(w.jobs).filter((j) => j.steps.some((s) => s.uses === "pulumi/actions@v6" && s.with?.command === "up"));
        assert.deepStrictEqual(ups.map((j) => j.environment), ["dev", "prod"]);
        const [dev, prod] = Object.entries(w.jobs).filter(([, j]) => ups.includes(j));
        assert.deepStrictEqual([prod[1].needs].flat(), [dev[0]]);
        for (const j of ups) assert.strictEqual(j.steps.find((s) => s.uses === "pulumi/actions@v6")?.with?.policyPacks, "policy");
        for (const j of ups) assert.strictEqual(j.steps.find((s) => s.uses === "pulumi/actions@v6")?.env?.ARM_CLIENT_ID, "${{ vars.AZURE_CLIENT_ID }}", "the environment's deploy identity");
    });

    it("policy-publish.yml: on a policy-v* tag, pulumi policy publish from policy/", () => {
        const w = workflows["policy-publish.yml"];
        assert.deepStrictEqual(w.on.push.tags, ["policy-v*"]);
        const publish = steps(w).find((s) => s.run?.includes("pulumi policy publish"));
        assert.strictEqual(publish?.["working-directory"], "policy");
    });
});
