// The end-to-end run the specs share: the offline preview's command line, as a user runs it (a child
// process, `npm run preview`'s command), on prod, against a base ref, in a git repository. One run
// proves the whole path: the CLI's checks, prod's program started by cmd/run as the language host
// starts it (transpile-only, from the project root), the base ref's program in a git worktree, the
// policy pack over the analyzer protocol, the diff, the renderers and the exit code. Started when a
// spec that needs it is loaded (test/helpers/background.ts); the pieces are tested in process.
//
// The repository: this project's files (tracked and untracked, not ignored); `main` is the project as
// it is, with a description on prod's control version; the branch `change` edits that description
// and renames the resource group with an alias (infra/program.ts): two updates, nothing replaced.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { background, exec, Exited } from "./background";

export const ROOT = path.resolve(__dirname, "..", "..");

export const RG = "new resources.ResourceGroup(`${prefix}-rg`, { resourceGroupName: cfg.resourceGroup.name, location: cfg.location }, { protect: cfg.protect })";
export const GROUP_ALIASED = "new resources.ResourceGroup(`${prefix}-group`, { resourceGroupName: cfg.resourceGroup.name, location: cfg.location }, { protect: cfg.protect, aliases: [{ name: `${prefix}-rg` }] })";
export const CONTROL = "        - versionName: churn-v3\n";
export const DESCRIBED = "        - versionName: churn-v3\n          description: Control, churn model 3\n";

export interface EndToEnd extends Exited {
    repo: string;
    /** What --full-text wrote (the text rendering). */
    fullText: string;
    /** `git` in the repository, after the run. */
    git(...args: string[]): string;
}

/** Rewrites a file of the repository; the text to replace must be there. */
function edit(repo: string, file: string, from: string, to: string): void {
    const p = path.join(repo, file);
    const text = fs.readFileSync(p, "utf8");
    assert.ok(text.includes(from), `${file} should contain ${from}`);
    fs.writeFileSync(p, text.replace(from, to));
}

async function run(): Promise<EndToEnd> {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-e2e-"));
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" }).trim();
    const files = execFileSync("git", ["-C", ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z"], { encoding: "utf8" }).split("\0").filter(Boolean);
    for (const f of files) {
        if (!fs.existsSync(path.join(ROOT, f))) continue;
        fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
        fs.copyFileSync(path.join(ROOT, f), path.join(repo, f));
    }
    git("init", "-q", "-b", "main");
    git("config", "user.email", "test@example.com");
    git("config", "user.name", "test");
    edit(repo, "Pulumi.prod.yaml", CONTROL, DESCRIBED);
    git("add", "-A");
    git("commit", "-qm", "base");
    // Installed, not tracked (a symlink is not matched by .gitignore's "node_modules/").
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"), "dir");
    git("checkout", "-q", "-b", "change");
    edit(repo, "Pulumi.prod.yaml", "description: Control, churn model 3", "description: Control version, churn model 3");
    edit(repo, "infra/program.ts", RG, GROUP_ALIASED);
    git("commit", "-qam", "change");
    const out = await exec(process.execPath, ["-r", "ts-node/register/transpile-only", "tools/preview.ts",
        "--stack", "prod", "--base", "main", "--format", "json", "--full-text", "full.txt"], { cwd: repo, env: { ...process.env, AKSML_DEBUG: "", INIT_CWD: repo } }); // as `npm run preview` in the repository
    const full = path.join(repo, "full.txt");
    return { ...out, repo, git, fullText: fs.existsSync(full) ? fs.readFileSync(full, "utf8") : "" };
}

let started: Promise<EndToEnd> | undefined;
/** The shared run (started on first call); its repository is removed after the last spec. */
export function endToEnd(): Promise<EndToEnd> {
    return (started ??= background("e2e prod --base", run));
}

after(async () => {
    const e = await started?.catch(() => undefined);
    if (e) fs.rmSync(e.repo, { recursive: true, force: true });
});
