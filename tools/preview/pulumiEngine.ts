// The preview through the real Pulumi CLI (tools/pulumi): the program and the policy pack run by
// `pulumi preview --json --policy-pack`, the findings as the engine reported them. The pack's own
// metadata (its policies, their levels under the config) is read from the pack, started beside the
// CLI for GetAnalyzerInfo only: the engine reports findings, not the levels of the policies that
// passed.
import * as path from "path";
import { startPack } from "../lib/analyzer";
import type { Recorded } from "../lib/recorder";
import { readStackYaml } from "../lib/stackConfig";
import type { CliInstall } from "../pulumi/install";
import type { Plugin } from "../pulumi/plugins";
import { pulumiPreview, PulumiRun } from "../pulumi/run";
import { policyResultsOfEvents } from "../pulumi/state";
import type { EngineName } from "./args";
import { buildPack, configUsed, Finding, packMetadata, PolicyOptions, PolicyReport } from "./policies";

/** Which engine ran, for the output's header. */
export interface EngineInfo {
    name: EngineName;
    /** One line: the engine and what stood in for Azure. */
    label: string;
    /** Config keys whose `secure:` values were given the placeholder (they cannot be decrypted here). */
    placeholders: string[];
}

/**
 * A package we have no stand-in for: its real provider needs its cloud, so an echo (inputs as
 * outputs, invokes refused) lets the program run and the pack see what it declares. Said the same
 * under both engines.
 */
const echoed = (generic: Plugin[]) =>
    generic.length === 0 ? "" : `; the generic echo stand-in for ${generic.map((p) => `${p.name} ${p.version}`).join(", ")} (no stand-in of its own: inputs echoed as outputs, invokes refused)`;

export function emulatedInfo(placeholders: string[], generic: Plugin[] = []): EngineInfo {
    return { name: "emulated", label: `the emulated engine (tools/engine; no Pulumi CLI)${echoed(generic)}`, placeholders };
}

export function pulumiInfo(install: CliInstall, placeholders: string[], generic: Plugin[] = []): EngineInfo {
    const host = install.host === "real" ? "its nodejs language host" : "a stand-in nodejs language host (tools/pulumi-cli/languagehost)";
    const echo = echoed(generic);
    return { name: "pulumi", label: `the real Pulumi CLI v${install.version} with ${host} and stand-in providers (tools/standins)${echo}`, placeholders };
}

/** The config keys of a stack file that hold `secure:` values (none when the file cannot be read). */
export function secureKeys(file: string): string[] {
    let config: Record<string, unknown>;
    try {
        config = readStackYaml(file);
    } catch {
        return [];
    }
    const out: string[] = [];
    const visit = (v: unknown, key: string) => {
        if (v === null || typeof v !== "object") return;
        if (!Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as any).secure === "string") out.push(key);
        else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${key}[${i}]`));
        else for (const [k, x] of Object.entries(v)) visit(x, `${key}.${k}`);
    };
    for (const [k, v] of Object.entries(config)) visit(v, k);
    return out;
}

const ORDER = ["mandatory", "remediate", "advisory", "disabled"];

/** The engine's findings in the emulation's order: by level, resources in the records' order, then the stack's. */
function ordered(findings: Finding[], records: Recorded[]): Finding[] {
    const index = new Map(records.map((r, i) => [r.urn, i]));
    const key = (f: Finding) => (f.scope === "stack" ? records.length : index.get(f.urn ?? "") ?? records.length);
    return findings.map((f, i) => ({ f, i }))
        .sort((a, b) => ORDER.indexOf(a.f.level) - ORDER.indexOf(b.f.level) || key(a.f) - key(b.f) || a.i - b.i)
        .map((x) => x.f);
}

export interface PulumiPreview {
    run: PulumiRun;
    policy: PolicyReport;
    engine: EngineInfo;
}

/** Compiles the pack, runs the CLI's preview, reads the pack's metadata meanwhile; the report as the emulation's. */
export async function previewWithPulumi(opts: {
    install: CliInstall;
    root: string;
    stack: string;
    stackFile: string;
    policy: PolicyOptions;
    base?: { root: string; stackFile: string };
    run?: typeof pulumiPreview;
}): Promise<PulumiPreview> {
    opts.policy.progress?.("compiling the policy pack, setting up the stack");
    // The CLI starts the compiled pack: compiled while the throwaway stack is set up, awaited before `pulumi preview`.
    const built = buildPack(opts.policy.packDir);
    built.catch(() => undefined); // reported where it is awaited
    const started = built.then(() => packMetadata({ ...opts.policy, launch: (dir) => startPack(dir) }));
    started.catch(() => undefined); // reported where it is awaited
    let run: PulumiRun;
    try {
        run = await (opts.run ?? pulumiPreview)({
            install: opts.install, root: opts.root, stack: opts.stack, stackFile: opts.stackFile,
            packDir: opts.policy.packDir, packConfig: opts.policy.configFile, base: opts.base,
            ready: built.then(() => opts.policy.progress?.("running pulumi preview")),
        });
    } catch (e) {
        await started.catch(() => undefined); // its pack process, if any, closed before the error is reported
        throw e;
    }
    const { info, config, given } = await started;
    const descriptions = new Map(info.policies.map((p) => [p.name, p.description]));
    const { findings, remediations } = policyResultsOfEvents(run.events, descriptions);
    const policy: PolicyReport = {
        pack: { name: info.name, version: info.version },
        policies: info.policies.map((p) => ({ name: p.name, level: config[p.name].enforcementLevel })).filter((p) => p.level !== "disabled"),
        findings: ordered(findings, run.records),
        remediations,
        config: configUsed(info, given, config, opts.policy.configFile && path.relative(process.cwd(), opts.policy.configFile)),
    };
    return { run, policy, engine: pulumiInfo(opts.install, run.secure.keys, run.generic) };
}
