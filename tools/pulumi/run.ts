// The project's stack through the real Pulumi CLI, offline: `pulumi preview --json` with the policy
// pack in a throwaway workspace (workspace.ts), with the stand-in providers (tools/standins), and
// for a diff the base's `pulumi up` first into the same stack, so that updates, replacements,
// delete-before-replace, protection and aliases are the engine's own decisions.
//
// What the CLI says is turned into what the emulated engine gives (tools/engine/index.ts):
// records, the program's logs, an EngineError when the CLI refuses before the program runs (its
// message, e.g. "validating stack config: bad value"), a ProgramFailure when the program fails.
import { isProtectionRefusal } from "../diff/engineSteps";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { EngineError, ProgramFailure } from "../engine";
import type { LogEntry } from "../engine/monitor";
import type { Recorded } from "../lib/recorder";
import { SECRET_PLACEHOLDER } from "../lib/stackConfig";
import type { CliInstall } from "./install";
import { Plugin, requiredPlugins, writeGenericShims } from "./plugins";
import { Digest, DigestStep, logsOfDigest, parseEventLog, recordsOfDeployment, recordsOfDigest } from "./state";
import { CliResult, cliError, placeholderStackFile, SecureValues, Workspace } from "./workspace";

export interface ProjectSide {
    /** The project folder (holds Pulumi.yaml). */
    root: string;
    /** The stack's config file; default <root>/Pulumi.<stack>.yaml (absent: an empty config, as for the CLI). */
    stackFile?: string;
}

export interface PulumiPreviewOptions extends ProjectSide {
    install: CliInstall;
    stack: string;
    /** The compiled policy pack's folder, and its config file. */
    packDir?: string;
    packConfig?: string;
    /** A base to deploy first (`pulumi up`): the preview is then a diff against its state. */
    base?: ProjectSide;
    /** Awaited just before `pulumi preview` (the pack's compilation): the stack's set-up runs meanwhile. */
    ready?: Promise<unknown>;
}

export interface PulumiRun {
    records: Recorded[];
    logs: LogEntry[];
    stderr: string;
    stdout: string;
    outputs: Record<string, any>;
    /** The program's resource plugins that no stand-in of ours serves: the generic echo stand-in did. */
    generic: Plugin[];
    /** The `secure:` values the stack file holds, given the placeholder. */
    secure: SecureValues;
    /** The engine's events (policy results among them). */
    events: ReturnType<typeof parseEventLog>;
    digest: Digest;
    /** How long `pulumi preview` itself took (ms): the program, the engine, the plugins; not the stack's set-up. */
    previewMs: number;
    /** With a base: the base's state after its `pulumi up`, and the engine's steps for the branch. */
    base?: { records: Recorded[]; steps: DigestStep[] };
}

/** The placeholder's ciphertext under the throwaway stack's passphrase, made by the CLI itself. */
const PLACEHOLDER_KEY = "aksml-offline-placeholder";

function readText(file: string): string | undefined {
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

type Salted = { salt: string; ciphertext: string };

/**
 * The salt and the placeholder's ciphertext kept beside the CLI: every throwaway stack has the same
 * passphrase, and the CLI makes a stack's secrets manager from its stack file's `encryptionsalt`
 * when there is one (pulumi/pulumi v3.248.0 pkg/cmd/pulumi/stack/secrets.go GetSecretsManager,
 * pkg/secrets/passphrase/manager.go NewPromptingPassphraseSecretsManager; the checkpoint's own
 * copy of the salt is only the fallback for a stack file without one), so a pair the CLI made once
 * decrypts in any later stack. Saves a `pulumi config set` per preview; a pair that no longer
 * decrypts fails the preview with the CLI's "incorrect passphrase", and is remade by deleting the file.
 */
const saltCache = (ws: Workspace) => path.join(ws.install.bin, "placeholder-secret.json");

function cachedSalt(ws: Workspace): Salted | undefined {
    try {
        const c = JSON.parse(fs.readFileSync(saltCache(ws), "utf8"));
        return typeof c?.salt === "string" && typeof c?.ciphertext === "string" ? { salt: c.salt, ciphertext: c.ciphertext } : undefined;
    } catch {
        return undefined;
    }
}

/** The project's name (Pulumi.yaml `name`), or undefined when it cannot be read. */
function projectName(dir: string): string | undefined {
    for (const f of ["Pulumi.yaml", "Pulumi.yml"]) {
        try {
            const name = YAML.parse(fs.readFileSync(path.join(dir, f), "utf8"))?.name;
            if (typeof name === "string" && /^[\w.-]+$/.test(name)) return name;
        } catch {
            // the next name, or none
        }
    }
    return undefined;
}

/**
 * A new, empty stack in the workspace's `file://` backend. `pulumi stack init` writes only
 * `.pulumi/meta.yaml` and `.pulumi/stacks/<project>/<stack>.json` (pulumi/pulumi v3.248.0
 * pkg/backend/diy/meta.go, backend.go CreateStack: an empty deployment, with the secrets manager's state),
 * the same for every throwaway workspace: the first one the CLI makes per project and stack is kept
 * beside the CLI and copied into later workspaces, which saves a `pulumi stack init` per preview.
 */
async function newStack(ws: Workspace, dir: string, stack: string): Promise<void> {
    const project = projectName(dir);
    const template = project && path.join(ws.install.bin, "stacks", `${project}.${stack}`);
    const state = path.join(ws.dir, "state");
    if (template && fs.existsSync(template)) {
        fs.cpSync(template, state, { recursive: true });
        return;
    }
    const init = await ws.run(dir, ["stack", "init", stack]);
    if (init.code !== 0) throw new EngineError(cliError(init));
    if (!template) return;
    const tmp = `${template}.${process.pid}`;
    try {
        fs.cpSync(state, tmp, { recursive: true });
        fs.renameSync(tmp, template); // whole or not at all (another preview may have kept one first)
    } catch {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

/** A new stack (newStack), then the stack file written over the one it made (workspace.ts placeholderStackFile). */
export async function initStack(ws: Workspace, dir: string, stack: string, userText: string | undefined, salt?: Salted): Promise<Salted & { secure: SecureValues }> {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!salt) {
        await newStack(ws, dir, stack);
        salt = cachedSalt(ws);
    }
    if (!salt) {
        const set = await ws.run(dir, ["config", "set", "--secret", "--stack", stack, PLACEHOLDER_KEY, SECRET_PLACEHOLDER]);
        if (set.code !== 0) throw new EngineError(cliError(set));
        const made = YAML.parse(fs.readFileSync(file, "utf8"));
        const key = Object.keys(made.config ?? {}).find((k) => k.endsWith(`:${PLACEHOLDER_KEY}`))!;
        salt = { salt: made.encryptionsalt, ciphertext: made.config[key].secure };
        try {
            fs.writeFileSync(saltCache(ws), JSON.stringify(salt));
        } catch {
            // a read-only bin folder: made again next time
        }
    }
    const written = placeholderStackFile(userText, salt.salt, salt.ciphertext);
    fs.writeFileSync(file, written.text);
    return { ...salt, secure: written.secure };
}

function parseDigest(r: CliResult): Digest | undefined {
    try {
        const d = JSON.parse(r.stdout);
        return d && typeof d === "object" && Array.isArray(d.steps) ? d : undefined;
    } catch {
        return undefined;
    }
}

/**
 * The error the program reported (the first error diagnostic of the run), as the CLI shows it. The
 * engine's refusal to delete or replace a protected resource is not the program's: the preview
 * reports it with the diff (tools/diff/engineSteps.ts), as the emulated diff does.
 */
export function programError(logs: LogEntry[]): string | undefined {
    return logs.find((l) => l.severity === "error" && !/^(preview|update) failed$/.test(l.message) && !isProtectionRefusal(l.message))?.message;
}

/** Runs `pulumi preview` (after the base's `pulumi up` when given); throws EngineError / ProgramFailure. */
export async function pulumiPreview(opts: PulumiPreviewOptions): Promise<PulumiRun> {
    const ws = Workspace.open(opts.install);
    try {
        const stackText = (side: ProjectSide) => readText(side.stackFile ?? path.join(side.root, `Pulumi.${opts.stack}.yaml`));
        let base: PulumiRun["base"];
        let salt: { salt: string; ciphertext: string } | undefined;
        if (opts.base) {
            const dir = ws.copyProject(opts.base.root, "base");
            salt = await initStack(ws, dir, opts.stack, stackText(opts.base));
            // The base's state is what matters here, not its preview: --skip-preview (one program run).
            const up = await ws.run(dir, ["up", "--yes", "--skip-preview", "--stack", opts.stack]);
            if (up.code !== 0) throw new ProgramFailure(`the base's pulumi up failed: ${cliError(up)}`, { records: [], logs: [], outputs: {}, stderr: up.stderr, stdout: up.stdout }, up.code);
            const exported = await ws.run(dir, ["stack", "export", "--stack", opts.stack]);
            if (exported.code !== 0) throw new EngineError(cliError(exported));
            base = { records: recordsOfDeployment(JSON.parse(exported.stdout)), steps: [] };
        }
        const dir = ws.copyProject(opts.root, "project");
        const generic = writeGenericShims(requiredPlugins(opts.root), ws.genericBin);
        const { secure } = await initStack(ws, dir, opts.stack, stackText(opts), salt);
        await opts.ready;
        const eventLog = path.join(ws.dir, "events.jsonl");
        const args = ["preview", "--json", "--stack", opts.stack, "--event-log", eventLog];
        if (opts.packDir) args.push("--policy-pack", path.resolve(opts.packDir));
        if (opts.packDir && opts.packConfig) args.push("--policy-pack-config", path.resolve(opts.packConfig));
        // The base's resources that did not change are steps too (op "same"), and a replacement is
        // shown as its create and delete steps, in the engine's order.
        if (base) args.push("--diff", "--show-sames", "--show-replacement-steps");
        const started = Date.now();
        const r = await ws.run(dir, args);
        const previewMs = Date.now() - started;
        const digest = parseDigest(r);
        if (!digest) throw new EngineError(cliError(r)); // refused before the program ran
        const events = fs.existsSync(eventLog) ? parseEventLog(fs.readFileSync(eventLog, "utf8")) : [];
        const logs = logsOfDigest(digest, [opts.install.bin, ws.genericBin]);
        const run: PulumiRun = {
            records: recordsOfDigest(digest),
            logs,
            // The CLI's notes that it found our plugins on PATH (expected: the bin folder is first) left out.
            stderr: r.stderr.split("\n").filter((l) => !l.includes(`from $PATH at ${opts.install.bin}`) && !l.includes(`from $PATH at ${ws.genericBin}`)).join("\n"),
            stdout: "",
            outputs: {},
            secure,
            generic,
            events,
            digest,
            previewMs,
            ...(base ? { base: { ...base, steps: digest.steps ?? [] } } : {}),
        };
        const failed = programError(logs);
        const mandatory = events.some((e) => e.policyEvent && e.policyEvent.enforcementLevel !== "advisory");
        if (r.code !== 0 && failed && !mandatory) throw new ProgramFailure(failed, run, r.code);
        return run;
    } finally {
        ws.close();
    }
}
