// What the real CLI tells about a run, in the shapes the preview already renders: resources from the
// `--json` digest's steps (pulumi/pulumi v3.248.0 pkg/backend/display/json.go ShowPreviewDigest: one
// step per resource event, each state serialized as apitype.ResourceV3 with secrets shown as the
// string "[secret]" and unknowns as the unknown sentinel) or from `pulumi stack export`
// (apitype.DeploymentV3), and policy results from the `--event-log` file (apitype.EngineEvent, one
// JSON object a line: policyEvent, policyRemediationEvent, policyAnalyzeSummaryEvent,
// policyAnalyzeStackSummaryEvent; the digest leaves policy events out: json.go "we don't handle
// policy events in JSON serialization").
import { Recorded, SECRET_SIG, unwrap } from "../lib/recorder";
import type { LogEntry } from "../engine/monitor";
import type { Finding, Level, PolicyReport } from "../preview/policies";

const SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** json.go MassageSecrets: a secret is shown as this string. */
export const MASKED_SECRET = "[secret]";

/** A ResourceV3 as the digest and `stack export` give it (the fields the preview reads). */
export interface StateV3 {
    urn: string;
    type: string;
    custom?: boolean;
    id?: string;
    parent?: string;
    protect?: boolean;
    inputs?: Record<string, any>;
    outputs?: Record<string, any>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    provider?: string;
    aliases?: string[];
    additionalSecretOutputs?: string[];
    importID?: string;
    retainOnDelete?: boolean;
    deletedWith?: string;
    ignoreChanges?: string[];
    replaceOnChanges?: string[];
    external?: boolean;
}

/** Secrets (masked "[secret]", or a state's {sig, plaintext|ciphertext}) in the recorder's wire form. */
function wireForm(v: any): any {
    if (v === MASKED_SECRET) return { [SECRET_SIG]: SECRET_VALUE_SIG, value: MASKED_SECRET };
    if (Array.isArray(v)) return v.map(wireForm);
    if (v !== null && typeof v === "object") {
        if (v[SECRET_SIG] === SECRET_VALUE_SIG) {
            const plain = typeof v.plaintext === "string" ? safeParse(v.plaintext) : MASKED_SECRET;
            return { [SECRET_SIG]: SECRET_VALUE_SIG, value: wireForm(plain) };
        }
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wireForm(x)]));
    }
    return v;
}

function safeParse(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

const nameOf = (urn: string) => urn.split("::").slice(3).join("::");

/** A resource's state as the preview's record of its registration. */
export function recordOf(s: StateV3, read = false): Recorded {
    const raw = wireForm(s.inputs ?? {});
    return {
        urn: s.urn,
        type: s.type,
        name: nameOf(s.urn),
        custom: !!s.custom,
        parent: s.parent ?? "",
        raw,
        inputs: unwrap(raw),
        dependencies: s.dependencies ?? [],
        propertyDependencies: s.propertyDependencies ?? {},
        provider: s.provider ?? "",
        protect: !!s.protect,
        ignoreChanges: s.ignoreChanges ?? [],
        replaceOnChanges: s.replaceOnChanges ?? [],
        deleteBeforeReplace: false,
        retainOnDelete: !!s.retainOnDelete,
        deletedWith: s.deletedWith ?? "",
        aliases: s.aliases ?? [],
        additionalSecretOutputs: s.additionalSecretOutputs ?? [],
        importId: s.importID ?? "",
        ...(read ? { read: true } : {}),
        ...(!s.custom && s.outputs && Object.keys(s.outputs).length > 0 ? { outputs: wireForm(s.outputs) } : {}),
        ...(s.custom ? { state: wireForm(s.outputs ?? {}) } : {}),
    };
}

/** One step of the digest (display.PreviewStep). */
export interface DigestStep {
    op: string;
    urn: string;
    provider?: string;
    oldState?: StateV3;
    newState?: StateV3;
    diffReasons?: string[];
    replaceReasons?: string[];
    detailedDiff?: Record<string, { kind: string; inputDiff: boolean }> | null;
}

export interface Digest {
    steps?: DigestStep[];
    diagnostics?: { urn?: string; message: string; severity: string }[];
    changeSummary?: Record<string, number>;
}

/** The resources the program registered, in the digest's order (deleted ones left out). */
export function recordsOfDigest(d: Digest): Recorded[] {
    const out: Recorded[] = [];
    const seen = new Set<string>();
    for (const s of d.steps ?? []) {
        const state = s.newState;
        if (!state || seen.has(state.urn) || s.op === "delete" || s.op === "delete-replaced" || s.op === "discard" || s.op === "remove-pending-replace") continue;
        seen.add(state.urn);
        out.push(recordOf(state, s.op === "read" || s.op === "refresh" || !!state.external));
    }
    return out;
}

/** A stack's state (`pulumi stack export`) as records: what a base's `pulumi up` left. */
export function recordsOfDeployment(exported: { deployment?: { resources?: StateV3[] } }): Recorded[] {
    return (exported.deployment?.resources ?? []).filter((r) => !r.type.startsWith("pulumi:providers:") || !nameOf(r.urn).startsWith("default")).map((r) => recordOf(r, !!r.external));
}

/** The program's diagnostics as the monitor's log entries (the CLI's own "using ... from $PATH" left out). */
export function logsOfDigest(d: Digest, bins: string[]): LogEntry[] {
    return (d.diagnostics ?? [])
        .filter((x) => !(x.severity === "warning" && bins.some((bin) => x.message.includes(`from $PATH at ${bin}`))))
        .map((x) => ({
            severity: (["debug", "info", "warning", "error"].includes(x.severity) ? x.severity : "info") as LogEntry["severity"],
            message: x.message.replace(/^(error|warning|info|debug): /, "").replace(/\n$/, ""),
            urn: x.urn ?? "",
        }));
}

interface EngineEvent {
    policyEvent?: { resourceUrn?: string; message: string; policyName: string; policyPackName: string; policyPackVersion: string; enforcementLevel: string };
    policyRemediationEvent?: { resourceUrn: string; policyName: string };
    policyAnalyzeStackSummaryEvent?: { passed?: string[]; failed?: string[] };
}

export function parseEventLog(text: string): EngineEvent[] {
    return text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/**
 * The findings and remediations the engine reported. A policy is a stack policy when the engine's
 * stack summary names it (pulumi-policy: a policy validates resources or the stack, not both). The
 * SDK sends "<description>\n<message>" (pulumi-policy server.ts); the engine adds a newline.
 */
export function policyResultsOfEvents(events: EngineEvent[], descriptions: Map<string, string>): Pick<PolicyReport, "findings" | "remediations"> {
    const stackPolicies = new Set(events.flatMap((e) => [...(e.policyAnalyzeStackSummaryEvent?.passed ?? []), ...(e.policyAnalyzeStackSummaryEvent?.failed ?? [])]));
    const findings: Finding[] = [];
    const remediations: PolicyReport["remediations"] = [];
    for (const e of events) {
        if (e.policyRemediationEvent) remediations.push({ policy: e.policyRemediationEvent.policyName, urn: e.policyRemediationEvent.resourceUrn });
        const p = e.policyEvent;
        if (!p) continue;
        const description = descriptions.get(p.policyName) ?? "";
        const text = p.message.replace(/\n$/, "");
        const message = description && text.startsWith(`${description}\n`) ? text.slice(description.length + 1) : text;
        const level: Level = p.enforcementLevel === "remediate" ? "mandatory" : (p.enforcementLevel as Level);
        findings.push({ policy: p.policyName, level, message, description, urn: p.resourceUrn || undefined, scope: stackPolicies.has(p.policyName) ? "stack" : "resource" });
    }
    return { findings, remediations };
}
