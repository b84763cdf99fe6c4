// One pack process for the whole test run, started from the compiled pack (policy/bin, as published).
import * as assert from "assert";
import * as path from "path";
import { AnalyzerResource, Diagnostic, isCantRun, Pack, startPack, toRequest } from "../../tools/lib/analyzer";
import { buildPack } from "../../tools/preview/policies";
import { background } from "../helpers/background";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PACK_DIR = path.join(ROOT, "policy");

let built: Promise<void> | undefined;
/**
 * Compiles the pack once per test run, as the preview compiles it (tools/preview/policies.ts
 * buildPack: incremental, asynchronous, a compile error as a PackError).
 */
export function packBuilt(): Promise<void> {
    return (built ??= background("tsc -p policy", () => buildPack(PACK_DIR)));
}

let shared: Promise<Pack> | undefined;
/**
 * The pack process every spec of this test process shares (started once, as the engine starts one
 * per `pulumi preview`; closed after the last spec). A spec's `before` resets the pack's config to
 * none: pulumi-policy's Configure replaces the whole config (sdk/nodejs/policy/server.ts
 * `configure`: `policyPackConfig = config`), and an empty one is the state of a fresh pack.
 */
export function sharedPack(): Promise<Pack> {
    shared ??= packBuilt().then(() => startPack(PACK_DIR)).then(remembering);
    return shared;
}

/**
 * The shared pack, as one engine run would drive it, made repeatable across specs. The resource
 * policies note the path parameters of what Analyze gives them for the stack policies (policy/lib/seen.ts),
 * so Analyze and AnalyzeStack always reach the pack, byte for byte as the engine sends them. Between
 * runs the pack is told to forget (an empty AnalyzeStack, which the engine never sends): before each
 * `analyzeAll`, and before an `analyzeStack` that no `analyze` preceded, so a spec never sees what an
 * earlier spec's Analyze calls noted. Remediate is stateless (sdk/nodejs/policy/server.ts builds each
 * answer afresh from the request and the config) and answered from memory under the same config.
 * GetAnalyzerInfo is asked once (configure asks it for the policies' default levels).
 */
function remembering(pack: Pack): Pack {
    const answers = new Map<string, unknown>();
    let config = "{}";
    const remember = <A extends unknown[], R>(name: string, wire: (...args: A) => Uint8Array, call: (...args: A) => Promise<R>) =>
        async (...args: A): Promise<R> => {
            const key = `${name}\0${config}\0${Buffer.from(wire(...args)).toString("latin1")}`;
            if (!answers.has(key)) answers.set(key, await call(...args));
            return structuredClone(answers.get(key) as R);
        };
    const info = pack.info();
    info.catch(() => undefined); // reported where it is awaited
    pack.info = () => info.then((i) => structuredClone(i)); // a pack process's policies do not change
    const configure = pack.configure.bind(pack);
    // Methods replaced on the object itself: analyzeAll calls pack.analyze and pack.analyzeStack through it.
    pack.configure = async (c) => {
        await configure(c);
        config = JSON.stringify(c);
    };
    pack.remediate = remember("remediate", (r) => toRequest(r).serializeBinary(), pack.remediate.bind(pack));
    const analyze = pack.analyze.bind(pack);
    const analyzeStack = pack.analyzeStack.bind(pack);
    const analyzeAll = pack.analyzeAll.bind(pack);
    const forget = () => analyzeStack([]);
    let analyzedSinceStack = false;
    pack.analyze = (r) => {
        analyzedSinceStack = true;
        return analyze(r);
    };
    pack.analyzeStack = async (rs) => {
        if (!analyzedSinceStack) await forget();
        analyzedSinceStack = false;
        return analyzeStack(rs);
    };
    pack.analyzeAll = async (rs) => {
        await forget();
        return analyzeAll(rs);
    };
    return pack;
}

// Registered on the root suite when this file is first loaded: runs once, after every spec.
after(async () => (await shared?.catch(() => undefined))?.close());

/** The shared pack (started now, while the specs load), reset to no config before the spec's tests; returns a getter. */
export function usePack(): () => Pack {
    sharedPack().catch(() => undefined); // reported by the hook below
    let pack: Pack | undefined;
    before(async function () {
        this.timeout(120000);
        pack = await sharedPack();
        await pack.configure({});
    });
    return () => {
        if (!pack) throw new Error("pack not started");
        return pack;
    };
}

/**
 * One engine run after an update: Analyze of each resource's inputs, then AnalyzeStack of the
 * outputs (pulumi/pulumi v3.248.0 pkg/resource/deploy/step_generator.go: analyzeAll before the step,
 * AnalyzeResources with `Properties: v.Outputs`). Returns the stack's diagnostics.
 */
export async function afterUpdate(pack: Pack, inputs: AnalyzerResource[], outputs: AnalyzerResource[]): Promise<Diagnostic[]> {
    await pack.analyzeStack([]); // forget an earlier run (see remembering)
    for (const r of inputs) await pack.analyze(r);
    return pack.analyzeStack(outputs);
}

export const of = (ds: Diagnostic[], policy: string) => ds.filter((d) => d.policyName === policy);

/** Diagnostics of `policy` that are not "can't run" advisories. */
export const verdicts = (ds: Diagnostic[], policy: string) => of(ds, policy).filter((d) => !isCantRun(d));

export function assertClean(ds: Diagnostic[], policy: string): void {
    assert.deepStrictEqual(of(ds, policy).map((d) => d.message), [], `${policy} should report nothing`);
}

/** Exactly one diagnostic of `policy`, at `level`, whose message contains `text`; returns it. */
export function assertOne(ds: Diagnostic[], policy: string, level: Diagnostic["enforcementLevel"], text: string): Diagnostic {
    const found = of(ds, policy);
    assert.strictEqual(found.length, 1, `expected one ${policy} diagnostic, got: ${JSON.stringify(found.map((d) => d.message))}`);
    assert.strictEqual(found[0].enforcementLevel, level, found[0].message);
    assert.ok(found[0].message.includes(text), `message ${JSON.stringify(found[0].message)} should contain ${JSON.stringify(text)}`);
    return found[0];
}

/** The engine's "can't run" advisory for `policy`, naming the unknown path. */
export function assertCantRun(ds: Diagnostic[], policy: string, pathText: string): void {
    const found = of(ds, policy);
    assert.strictEqual(found.length, 1, `expected one ${policy} diagnostic, got: ${JSON.stringify(found.map((d) => d.message))}`);
    assert.ok(isCantRun(found[0]), found[0].message);
    assert.strictEqual(found[0].enforcementLevel, "advisory");
    assert.ok(found[0].message.includes(`value at .${pathText} can't be known during preview`), found[0].message);
}

/** Diagnostics of `policy` are exactly these (each at `level`, messages containing the texts, in order). */
export function assertMessages(ds: Diagnostic[], policy: string, level: Diagnostic["enforcementLevel"], texts: string[]): void {
    const found = of(ds, policy);
    assert.strictEqual(found.length, texts.length, `expected ${texts.length} ${policy} diagnostics, got: ${JSON.stringify(found.map((d) => d.message))}`);
    found.forEach((d, i) => {
        assert.strictEqual(d.enforcementLevel, level, d.message);
        assert.ok(d.message.includes(texts[i]), `message ${JSON.stringify(d.message)} should contain ${JSON.stringify(texts[i])}`);
    });
}
