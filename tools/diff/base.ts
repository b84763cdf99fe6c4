// The base ref's program, run by the engine's path: a git worktree of the ref in a temporary
// folder (the working tree's node_modules linked into it, so that `@pulumi/pulumi/cmd/run` and the
// providers' SDKs resolve from there), run with the same stack and the base's own
// Pulumi.<stack>.yaml, then removed.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runProgram } from "../engine";
import type { Recorded } from "../lib/recorder";

export class BaseRefError extends Error {}

/** git's first line of complaint, without "fatal: ". */
const gitError = (e: any) =>
    new BaseRefError((String(e.stderr || e.message).split("\n").map((l: string) => l.trim()).find((l: string) => l) ?? "git failed").replace(/^fatal: /, ""));

function git(root: string, args: string[]): string {
    try {
        return execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    } catch (e: any) {
        throw gitError(e);
    }
}

/**
 * git without blocking the event loop: a worktree is added and removed while the branch's program
 * runs, and the resource monitor that answers it lives in this process's event loop.
 */
function gitAsync(root: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) =>
        execFile("git", ["-C", root, ...args], { encoding: "utf8" }, (e, stdout, stderr) => (e ? reject(gitError({ stderr, message: e.message })) : resolve(stdout.trim()))));
}

/** The commit `ref` names in `root`'s repository; a BaseRefError (exit 2) when none. */
export function resolveRef(root: string, ref: string): string {
    let commit = "";
    try {
        commit = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    } catch (e) {
        if (!(e instanceof BaseRefError) || /not a git repository/i.test(e.message)) throw e;
    }
    if (!commit) throw new BaseRefError(`--base: unknown git ref "${ref}"`);
    return commit;
}

/** Checks `ref` out into a temporary worktree of `root`'s repository, runs `fn` there, removes it. */
export async function withWorktree<T>(root: string, ref: string, fn: (dir: string) => Promise<T>): Promise<T> {
    const commit = resolveRef(root, ref);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-base-"));
    try {
        await gitAsync(root, ["worktree", "add", "--detach", "--quiet", dir, commit]);
    } catch (e) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw e;
    }
    try {
        fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
        return await fn(dir);
    } finally {
        try {
            await gitAsync(root, ["worktree", "remove", "--force", dir]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }
}

/**
 * The base ref's registrations for `stack` (preview semantics), from its own stack file; none when
 * the base has no such stack (a stack the change adds: everything is a create).
 */
export function runBase(root: string, ref: string, stack: string): Promise<Recorded[]> {
    return withWorktree(root, ref, async (dir) => {
        if (!fs.existsSync(path.join(dir, `Pulumi.${stack}.yaml`))) return [];
        return (await runProgram({ root: dir, stack, preview: true })).records;
    });
}
