// A throwaway Pulumi workspace for the real CLI: a copy of the project (links to its files, so
// nothing the CLI writes reaches the user's), a `file://` backend, a PULUMI_HOME and a passphrase of
// its own, in one temporary folder removed afterwards.
//
// Why a copy: `pulumi stack init` writes an `encryptionsalt` into Pulumi.<stack>.yaml and re-saves
// it (pulumi/pulumi sdk/go/common/workspace/project.go ProjectStack.Save), and `pulumi config set`
// rewrites it. The copy links every top-level entry of the project but the stack files; the
// program runs in the copy's folder (getPwdMain), so relative paths and tsconfig.json resolve as
// they do in the project.
//
// The environment (REAL-CLI.md "Offline", each read in pulumi/pulumi v3.248.0):
// PULUMI_BACKEND_URL=file://<dir> (pkg/backend/diy: a local backend, which passes the program
// `--organization organization`), PULUMI_HOME, PULUMI_CONFIG_PASSPHRASE (pkg/secrets/passphrase),
// PULUMI_SKIP_UPDATE_CHECK, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION (pkg/engine/plugins.go: no
// download of a plugin it cannot find), PULUMI_DEBUG_COMMANDS=true for `--event-log`, as the
// Automation API sets it (sdk/go/auto/local_workspace.go). The user's other PULUMI_* variables are
// left out: an access token, a backend, PULUMI_IGNORE_AMBIENT_PLUGINS would change what runs.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import type { CliInstall } from "./install";

/** The passphrase of every throwaway stack: it protects nothing (the stack is deleted afterwards). */
const PASSPHRASE = "aks-ml-serving offline preview";

/** Top-level entries of a project that the copy leaves out. */
const SKIPPED = new Set([".git", ".pulumi", "bin", ".bench", ".scratch"]);
const isStackFile = (f: string) => /^Pulumi\.[^.]+.*\.ya?ml$/.test(f) && !/^Pulumi\.ya?ml$/.test(f);

export interface CliResult {
    code: number | null;
    stdout: string;
    stderr: string;
}

export class Workspace {
    private constructor(readonly dir: string, readonly install: CliInstall) {}

    /** A new empty workspace (its backend, home and folder for project copies). */
    static open(install: CliInstall): Workspace {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-pulumi-"));
        for (const d of ["home", "state"]) fs.mkdirSync(path.join(dir, d));
        return new Workspace(dir, install);
    }

    get env(): NodeJS.ProcessEnv {
        const env: NodeJS.ProcessEnv = {};
        for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("PULUMI_")) env[k] = v;
        return {
            ...env,
            PATH: [this.genericBin, this.install.bin, process.env.PATH ?? ""].join(path.delimiter),
            PULUMI_HOME: path.join(this.dir, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(this.dir, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_DEBUG_COMMANDS: "true",
        };
    }

    /** Where the generic stand-ins' shims of this workspace go (tools/pulumi/plugins.ts), first on PATH. */
    get genericBin(): string {
        return path.join(this.dir, "bin");
    }

    /** Links `root`'s entries into a new folder of the workspace (its stack files left out). */
    copyProject(root: string, name: string): string {
        const dest = path.join(this.dir, name);
        fs.mkdirSync(dest);
        for (const entry of fs.readdirSync(root)) {
            if (SKIPPED.has(entry) || isStackFile(entry)) continue;
            fs.symlinkSync(path.join(root, entry), path.join(dest, entry));
        }
        return dest;
    }

    /** Runs the CLI in `cwd`; resolves with its exit code and output (never rejects for a failed command). */
    run(cwd: string, args: string[], opts: { input?: string } = {}): Promise<CliResult> {
        return new Promise((resolve, reject) => {
            const child = spawn(path.join(this.install.bin, "pulumi"), ["--non-interactive", "--color", "never", ...args], { cwd, env: this.env, stdio: ["pipe", "pipe", "pipe"] });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (d) => (stdout += d));
            child.stderr.on("data", (d) => (stderr += d));
            child.once("error", reject);
            child.once("close", (code) => resolve({ code, stdout, stderr }));
            child.stdin.end(opts.input ?? "");
        });
    }

    close(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/**
 * The CLI's message for a failed command: its first "error: " line (diagnostics go to stdout, the
 * CLI's own errors to stderr), with the next line when it ends in ":" (an unhandled exception's
 * first line), without the prefix; "update failed" and the like only when there is nothing else.
 */
export function cliError(r: CliResult): string {
    const lines = `${r.stdout}\n${r.stderr}`.split("\n").map((l) => l.trim());
    const at = lines.findIndex((l) => l.startsWith("error: ") && !/^error: (preview|update|destroy|refresh) failed$/.test(l));
    const i = at >= 0 ? at : lines.findIndex((l) => l.startsWith("error: "));
    if (i < 0) return lines.filter(Boolean).pop() ?? `pulumi exited with code ${r.code}`;
    const next = lines.slice(i + 1).find(Boolean);
    return `${lines[i].replace(/^error: /, "")}${lines[i].endsWith(":") && next ? ` ${next}` : ""}`;
}

/** What was done with the stack file's `secure:` values. */
export interface SecureValues {
    /** The config keys (as written) holding `secure:` values. */
    keys: string[];
}

const isSecure = (n: unknown): n is YAML.YAMLMap => YAML.isMap(n) && n.items.length === 1 && YAML.isScalar(n.items[0].key) && n.items[0].key.value === "secure";

/**
 * The stack file the throwaway stack reads: the user's file as written (comments, order and lines
 * kept), its secrets provider settings replaced by the throwaway stack's (`encryptionsalt` from
 * `pulumi stack init`), and every `secure:` value replaced by `ciphertext`, which decrypts to the
 * placeholder: the user's secrets provider (a passphrase we do not have, Pulumi Cloud, a key vault)
 * cannot be reached offline.
 */
export function placeholderStackFile(text: string | undefined, salt: string, ciphertext: string): { text: string; secure: SecureValues } {
    const doc = YAML.parseDocument(text ?? "");
    const keys: string[] = [];
    if (!YAML.isMap(doc.contents)) doc.contents = doc.createNode({}) as any;
    const top = doc.contents as unknown as YAML.YAMLMap;
    for (const k of ["encryptionsalt", "secretsprovider", "encryptedkey"]) top.delete(k);
    top.set("encryptionsalt", salt);
    const config = top.get("config", true);
    const visit = (node: unknown, key: string) => {
        if (isSecure(node)) {
            keys.push(key);
            (node.items[0] as any).value = doc.createNode(ciphertext);
            return;
        }
        if (YAML.isMap(node)) for (const item of node.items) visit(item.value, `${key}.${YAML.isScalar(item.key) ? item.key.value : ""}`);
        else if (YAML.isSeq(node)) node.items.forEach((item, i) => visit(item, `${key}[${i}]`));
    };
    if (YAML.isMap(config)) for (const item of config.items) visit(item.value, String(YAML.isScalar(item.key) ? item.key.value : ""));
    return { text: doc.toString(), secure: { keys } };
}
