// A small project in a git repository, run by the engine's path: its base ref's program in a worktree
// (tools/diff/base.ts runBase) and its branch's program in the working tree (tools/engine runProgram).
// test/tools/diffGit.spec.ts diffs the two. The branch's program also carries a type error and runs:
// test/tools/engine.spec.ts's proof that tsconfig.json's ts-node transpileOnly is honoured (one run
// serves both). Started when a spec that needs it loads (test/helpers/background.ts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runBase } from "../../tools/diff/base";
import { runProgram } from "../../tools/engine";
import type { Recorded } from "../../tools/lib/recorder";
import { background, exec } from "./background";
import { linkModules, TINY_PROJECT, TSCONFIG, writeFiles } from "./project";

/** A line TypeScript refuses (TS2322); the branch's program names a component by its value. */
const TYPE_ERROR = 'const n: number = "not a number";\n';

/** A program that registers a component with a description; `name` and `opts` vary by commit. */
const thingProgram = (name: string, description: string, opts = "{}") =>
    `import * as pulumi from "@pulumi/pulumi";\nclass Thing extends pulumi.ComponentResource {\n    constructor(n: string, args: { description: string }, o?: pulumi.ComponentResourceOptions) {\n        super("t:index:Thing", n, args, o);\n    }\n}\nnew Thing("${name}", { description: "${description}" }, ${opts});\n`;

/** The branch's program: the base's component renamed (aliased) and edited, then the type error and a component named by its value. */
export const BRANCH_PROGRAM = thingProgram("b", "two", '{ aliases: [{ name: "a" }] }') + TYPE_ERROR + 'new pulumi.ComponentResource("t:index:Thing", `thing-${n}`);\n';

export interface GitProject {
    /** The base ref (main): Thing "a", description "one". */
    base: Recorded[];
    /** The branch (change): Thing "b" aliased to "a", description "two", and a Thing named by the type error's value. */
    head: Recorded[];
    /** Worktrees git lists after the base's run. */
    worktrees: number;
}

export function gitProject(): Promise<GitProject> {
    return background("git project", async () => {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-git-"));
        process.once("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
        const repo = path.join(tmp, "repo");
        fs.mkdirSync(repo);
        // Asynchronous: the test process's thread is the suite's critical path.
        const git = async (...args: string[]) => {
            const r = await exec("git", ["-C", repo, ...args]);
            if (r.code !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
            return r.stdout.trim();
        };
        writeFiles(repo, { ...TINY_PROJECT, "tsconfig.json": TSCONFIG, "index.ts": thingProgram("a", "one") });
        await git("init", "-q", "-b", "main");
        const author = ["-c", "user.email=test@example.com", "-c", "user.name=test"];
        await git("add", "-A");
        await git(...author, "commit", "-qm", "base");
        linkModules(repo);
        await git("checkout", "-q", "-b", "change");
        fs.writeFileSync(path.join(repo, "index.ts"), BRANCH_PROGRAM);
        await git(...author, "commit", "-qam", "change");
        // The two runs at once, as the preview runs them (tools/preview/main.ts: --base beside the working tree).
        const [base, head] = await Promise.all([runBase(repo, "main", "s"), runProgram({ root: repo, stack: "s", preview: true })]);
        return { base, head: head.records, worktrees: (await git("worktree", "list", "--porcelain")).split("\n").filter((l) => l.startsWith("worktree ")).length };
    });
}
