// `npm run -s setup:pulumi`: the real Pulumi CLI for the preview, the diff and `npm run conformance`,
// built from its Go modules (tools/pulumi-cli: go.mod and go.sum pin pulumi/pulumi pkg/v3 and sdk/v3 at
// the lock's @pulumi/pulumi) into a cache outside the repository (tools/pulumi/install.ts), reused
// when present, or a `pulumi` of that version already on PATH. The stand-in providers' shims go
// beside it. Progress goes to stderr; the last line on stdout is the bin folder to put first on PATH.
// Exit 2 when it cannot be done here (no Go, a go.mod behind the lock), 3 when a build fails.
import { spawnSync, SpawnSyncOptions } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    binDir, cacheRoot, CLI_MODULE, CliInstall, goModVersion, HOST_MODULE, HOST_PSEUDO_VERSIONS, installedCli,
    lockedVersion, SetupError, standInHostHash, writeBin,
} from "./pulumi/install";

const say = (msg: string) => process.stderr.write(`setup:pulumi: ${msg}\n`);

class BuildError extends Error {}

function goEnv(): NodeJS.ProcessEnv {
    // The machine's own Go (go.mod names 1.25.11; 1.26 builds it): never download a toolchain.
    return { ...process.env, GOTOOLCHAIN: "local", CGO_ENABLED: "0", GOFLAGS: "-mod=readonly" };
}

function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): { status: number | null; out: string; err: string } {
    const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, ...opts });
    if (r.error) throw r.error;
    return { status: r.status, out: String(r.stdout ?? ""), err: String(r.stderr ?? "") };
}

/** `<file> version` prints v<version>. */
function hasVersion(file: string, version: string, flag = "version"): boolean {
    try {
        const r = run(file, [flag], { timeout: 30_000 });
        return r.status === 0 && r.out.trim() === `v${version}`;
    } catch {
        return false;
    }
}

/** A `pulumi` on PATH (outside our bin folders) of the locked version. */
function pulumiOnPath(version: string, ours: string): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        if (!dir || path.resolve(dir).startsWith(ours)) continue;
        const file = path.join(dir, "pulumi");
        if (fs.existsSync(file) && hasVersion(file, version)) return fs.realpathSync(file);
    }
    return undefined;
}

function requireGo(): void {
    try {
        if (run("go", ["version"], { env: goEnv() }).status === 0) return;
    } catch {
        // reported below
    }
    throw new SetupError("go is not on PATH: install Go 1.25 or later (https://go.dev/dl) to build the CLI here, or on a machine with internet use Pulumi's installer (curl -fsSL https://get.pulumi.com | sh)");
}

/** go build into a temporary file, then renamed into place: an interrupted build leaves nothing half-made. */
function goBuild(cwd: string, target: string, out: string, ldflags: string, env = goEnv()): void {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const tmp = `${out}.partial-${process.pid}`;
    const started = Date.now();
    const r = spawnSync("go", ["build", "-trimpath", "-tags", "osusergo,grpcnotrace", "-ldflags", ldflags, "-o", tmp, target], { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
    if (r.status !== 0) {
        fs.rmSync(tmp, { force: true });
        throw new BuildError(`go build ${target} failed (exit ${r.status ?? r.signal}); see above`);
    }
    fs.renameSync(tmp, out);
    say(`built ${path.basename(out)} in ${Math.round((Date.now() - started) / 1000)} s`);
}

const versionFlag = (v: string) => `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${v}`;

function buildCli(version: string, file: string): void {
    requireGo();
    say(`building pulumi v${version} from its Go modules (tools/pulumi-cli; a few minutes the first time)`);
    goBuild(CLI_MODULE, "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi", file, versionFlag(version));
}

/**
 * The real language host from the Go proxy, in a temporary copy of the wrapper module (its go.sum is
 * checked against the checksum database as `go get` fetches it). Returns why not, when refused.
 */
function buildRealHost(version: string, file: string): string | undefined {
    const pseudo = HOST_PSEUDO_VERSIONS[version];
    if (!pseudo) return `no pseudo-version of ${HOST_MODULE} is known for v${version} (tools/pulumi/install.ts HOST_PSEUDO_VERSIONS)`;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-host-"));
    try {
        for (const f of ["go.mod", "go.sum"]) fs.copyFileSync(path.join(CLI_MODULE, f), path.join(tmp, f));
        const env = { ...goEnv(), GOFLAGS: "-mod=mod" };
        const got = run("go", ["get", `${HOST_MODULE}@${pseudo}`], { cwd: tmp, env });
        if (got.status !== 0) {
            const status = /: (\d{3} [A-Za-z ]+)\s*$/m.exec(got.err)?.[1];
            const said = /server response: (.*)$/m.exec(got.err)?.[1]?.trim();
            const why = status ? `${status}${said ? ` (${said})` : ""}` : got.err.trim().split("\n").pop()?.trim();
            return `go get ${HOST_MODULE}@${pseudo} was refused: ${why}`;
        }
        goBuild(tmp, HOST_MODULE, file, versionFlag(version), env);
        return undefined;
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

function setup(): CliInstall {
    const version = lockedVersion();
    const pinned = goModVersion(fs.readFileSync(path.join(CLI_MODULE, "go.mod"), "utf8"));
    if (pinned !== version) {
        throw new SetupError(`tools/pulumi-cli/go.mod pins pulumi v${pinned} but the lock's @pulumi/pulumi is ${version}: in tools/pulumi-cli run go get github.com/pulumi/pulumi/pkg/v3@v${version} github.com/pulumi/pulumi/sdk/v3@v${version} && go mod tidy`);
    }
    const bin = binDir();
    const have = installedCli();
    const store = path.join(cacheRoot(), `pulumi-v${version}`);
    const standIn = path.join(store, `host-stand-in-${standInHostHash()}`, "pulumi-language-nodejs");
    if (have && (have.host === "real" || fs.realpathSync(path.join(bin, "pulumi-language-nodejs")) === standIn)) {
        writeBin(have, fs.realpathSync(path.join(bin, "pulumi")), fs.realpathSync(path.join(bin, "pulumi-language-nodejs")));
        say(`reusing pulumi v${version} (${have.cli === "path" ? "found on PATH" : "built"}, ${have.host} language host)`);
        return have;
    }
    let cli = path.join(store, "pulumi");
    let host: string | undefined;
    let from: CliInstall["cli"] = "built";
    const onPath = hasVersion(cli, version) ? undefined : pulumiOnPath(version, cacheRoot());
    if (onPath) {
        cli = onPath;
        from = "path";
        const beside = path.join(path.dirname(onPath), "pulumi-language-nodejs");
        if (fs.existsSync(beside) && hasVersion(beside, version, "-version")) host = beside;
        say(`using the pulumi v${version} on PATH (${onPath})`);
    } else if (!hasVersion(cli, version)) {
        buildCli(version, cli);
    }
    let kind: CliInstall["host"] = "real";
    if (!host) {
        const real = path.join(store, "host-real", "pulumi-language-nodejs");
        const refused = path.join(store, "host-real.refused");
        if (hasVersion(real, version, "-version")) host = real;
        else if (!fs.existsSync(refused)) {
            requireGo();
            const why = buildRealHost(version, real);
            if (why === undefined) host = real;
            else fs.writeFileSync(refused, `${why}\n`);
        }
        if (!host) {
            kind = "stand-in";
            say(`pulumi-language-nodejs: ${fs.readFileSync(refused, "utf8").trim()}; using the stand-in tools/pulumi-cli/languagehost`);
            if (!hasVersion(standIn, version, "-version")) {
                requireGo();
                goBuild(CLI_MODULE, "./languagehost", standIn, `-X main.version=v${version}`);
            }
            host = standIn;
        }
    }
    const install: CliInstall = { bin, version, host: kind, cli: from };
    writeBin(install, cli, host);
    return install;
}

try {
    const install = setup();
    say(`pulumi v${install.version}, ${install.host} language host, stand-in providers azure-native and random`);
    process.stdout.write(`${install.bin}\n`);
} catch (e) {
    say(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(e instanceof SetupError ? 2 : 3);
}
