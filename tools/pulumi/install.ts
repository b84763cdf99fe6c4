// The real Pulumi CLI on this machine: `npm run -s setup:pulumi` (tools/setup-pulumi.ts) builds it
// from its Go modules into a cache outside the repository, and the preview finds it here.
//
// Layout of the cache (AKSML_CACHE_DIR, else $XDG_CACHE_HOME/aks-ml-serving, else ~/.cache/aks-ml-serving):
//   pulumi-v<version>/pulumi                          the CLI, built from tools/pulumi-cli (go.mod, go.sum)
//   pulumi-v<version>/host-<kind>-<hash>/pulumi-language-nodejs
//                                                     the nodejs language host: the real one when the
//                                                     Go module proxy serves its module, else our
//                                                     stand-in (tools/pulumi-cli/languagehost)
//   bin-<hash of this repository's path>/             what the preview puts first on PATH: links to the
//                                                     two above (or to a `pulumi` of that version found
//                                                     on PATH, with its own host), and the stand-in
//                                                     providers' shims (tools/standins/main.ts)
// Build flags: pulumi/pulumi .goreleaser.yml (CGO_ENABLED=0, -trimpath, -tags osusergo,grpcnotrace,
// -X .../sdk/v3/go/common/version.Version=v<version>: without it the version is empty and
// `requiredPulumiVersion` checks are skipped).
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../lib/stackConfig";

export const CLI_MODULE = path.join(ROOT, "tools", "pulumi-cli");

/** The stand-in providers the bin folder holds, by plugin name (tools/standins/main.ts's argument). */
export const STANDINS = ["azure-native", "random"] as const;

/**
 * The language host's module has no tags: the Go proxy knows it by the pseudo-version of the
 * release's commit (pulumi/pulumi tag v<version>, committed 2026-06-24T12:07:34Z as a88168d865b7).
 */
export const HOST_MODULE = "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3";
export const HOST_PSEUDO_VERSIONS: Record<string, string> = {
    "3.248.0": "v3.0.0-20260624120734-a88168d865b7",
};

/** A usable install: the folder to put first on PATH, and what is in it. */
export interface CliInstall {
    bin: string;
    version: string;
    /** "real": pulumi-language-nodejs built from its module (or installed beside a pulumi on PATH); "stand-in": ours. */
    host: "real" | "stand-in";
    /** Where the CLI came from: "built" in the cache, or the `pulumi` found on PATH. */
    cli: "built" | "path";
}

export class SetupError extends Error {}

/** The version of @pulumi/pulumi in the lock: the CLI's version follows it. */
export function lockedVersion(root = ROOT): string {
    const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
    const v = lock.packages?.["node_modules/@pulumi/pulumi"]?.version;
    if (typeof v !== "string") throw new SetupError("package-lock.json has no node_modules/@pulumi/pulumi entry");
    return v;
}

/** The pulumi/pulumi version tools/pulumi-cli/go.mod requires (pkg/v3 and sdk/v3 must agree). */
export function goModVersion(goMod: string): string {
    const of = (m: string) => new RegExp(`^\\s*(?:require\\s+)?github\\.com/pulumi/pulumi/${m}/v3 v(\\S+)`, "m").exec(goMod)?.[1];
    const pkg = of("pkg");
    const sdk = of("sdk");
    if (!pkg || !sdk) throw new SetupError("tools/pulumi-cli/go.mod requires no github.com/pulumi/pulumi/pkg/v3 or sdk/v3");
    if (pkg !== sdk) throw new SetupError(`tools/pulumi-cli/go.mod requires pkg/v3 v${pkg} but sdk/v3 v${sdk}: they must be the same release`);
    return pkg;
}

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
    if (env.AKSML_CACHE_DIR) return path.resolve(env.AKSML_CACHE_DIR);
    return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "aks-ml-serving");
}

const hash = (...parts: string[]) => createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 12);

/** The bin folder of this checkout (two clones of the repository do not share shims). */
export function binDir(env: NodeJS.ProcessEnv = process.env, root = ROOT): string {
    return path.join(cacheRoot(env), `bin-${hash(fs.realpathSync(root))}`);
}

/** A content hash of the stand-in host's sources and the module files it is built with. */
export function standInHostHash(module = CLI_MODULE): string {
    const dir = path.join(module, "languagehost");
    const files = ["go.mod", "go.sum", ...fs.readdirSync(dir).filter((f) => f.endsWith(".go")).sort().map((f) => `languagehost/${f}`)];
    return hash(...files.flatMap((f) => [f, fs.readFileSync(path.join(module, f), "utf8")]));
}

/** The shell shim through which the CLI starts a stand-in provider (`pulumi-resource-<name> <engine> ...`). */
export function shim(name: string, root = ROOT): string {
    const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    return `#!/bin/sh\n# Stand-in provider ${name} of aks-ml-serving (tools/standins/main.ts), written by npm run setup:pulumi.\n` +
        `exec node -r ${q(path.join(root, "tools", "register.js"))} ${q(path.join(root, "tools", "standins", "main.ts"))} ${name} "$@"\n`;
}

const STAMP = "install.json";

/**
 * The install `setup:pulumi` left for this checkout, if it is still whole and of the locked
 * version; undefined otherwise (the preview then falls back to the emulated engine).
 */
export function installedCli(env: NodeJS.ProcessEnv = process.env, root = ROOT): CliInstall | undefined {
    const bin = binDir(env, root);
    let stamp: CliInstall;
    try {
        stamp = JSON.parse(fs.readFileSync(path.join(bin, STAMP), "utf8"));
    } catch {
        return undefined;
    }
    if (stamp.version !== lockedVersion(root) || stamp.bin !== bin) return undefined;
    const present = ["pulumi", "pulumi-language-nodejs", ...STANDINS.map((s) => `pulumi-resource-${s}`)].every((f) => {
        try {
            fs.accessSync(path.join(bin, f), fs.constants.X_OK);
            return true;
        } catch {
            return false;
        }
    });
    if (!present) return undefined;
    for (const s of STANDINS) if (fs.readFileSync(path.join(bin, `pulumi-resource-${s}`), "utf8") !== shim(s, root)) return undefined;
    return stamp;
}

/** Writes the bin folder: links to the CLI and its host, the shims, and the stamp last. */
export function writeBin(install: CliInstall, cli: string, host: string, root = ROOT): void {
    const bin = install.bin;
    fs.mkdirSync(bin, { recursive: true });
    fs.rmSync(path.join(bin, STAMP), { force: true });
    const link = (target: string, name: string) => {
        const tmp = path.join(bin, `.${name}.${process.pid}`);
        fs.rmSync(tmp, { force: true });
        fs.symlinkSync(target, tmp);
        fs.renameSync(tmp, path.join(bin, name));
    };
    link(cli, "pulumi");
    link(host, "pulumi-language-nodejs");
    for (const s of STANDINS) {
        const file = path.join(bin, `pulumi-resource-${s}`);
        fs.writeFileSync(`${file}.${process.pid}`, shim(s, root), { mode: 0o755 });
        fs.renameSync(`${file}.${process.pid}`, file);
    }
    fs.writeFileSync(path.join(bin, STAMP), JSON.stringify(install, null, 2) + "\n");
}
