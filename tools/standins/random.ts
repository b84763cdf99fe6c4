// The random stand-in: pulumi-random 4.21.2 (bridged from terraform-provider-random with the
// plugin-framework bridge, pulumi-random provider/resources.go `pf.ShimProvider`; read at the
// stored repository's head f64d8726, 9 commits past v4.21.1, which has no v4.21.2 tag) for
// RandomString and RandomPassword, with no randomness: the same inputs at the same URN give the
// same bytes.
//
// Per method:
// - Check: the inputs as given (the PF bridge adds no defaults: terraform's are plan modifiers);
//   failures as terraform's validators give them (length at least 1 and at least the sum of min_*).
// - Diff: the inputs with terraform's defaults (upper, lower, numeric, special true; min_* 0; number
//   mirrors numeric) old against new; every difference replaces (every argument of random_string and
//   random_password is RequiresReplace: terraform-provider-random internal/provider/resource_string.go
//   stringSchemaV2), never delete-before-replace (tools/diff/providerReplace.ts agrees).
// - Create: the inputs with those defaults and `result` (the ID of a RandomString; "none" for a
//   RandomPassword, as resource_password.go Create sets it); preview=true leaves `result` unknown and
//   no ID. The result is made as internal/random/string.go CreateString makes it (the min_* characters
//   of each class, the rest from every enabled class, then shuffled), from a SHA-256 stream seeded by
//   the URN and the inputs instead of crypto/rand. RandomPassword's result is a secret (Sensitive).
// - Read: the state. Update: never needed (everything replaces); returns the new outputs. Delete: succeeds.
// - Invoke: none (the provider has no functions); fails naming the function.
// Limits: other resources (RandomId, RandomInteger, RandomPet, RandomUuid, RandomBytes, RandomShuffle)
// fail Check with a message; RandomPassword has no bcryptHash; keepers compare as given.
import * as fs from "fs";
import * as path from "path";
import { providerDeleteBeforeReplace, providerReplaces } from "../diff/providerReplace";
import { CheckFailure, CheckRequest, DiffRequest, DiffResult, Provider, ResourceRequest } from "./server";
import { canonical, containsUnknown, diffValues, Props, secret, sha256, topKey, UNKNOWN, unwrap } from "./wire";

const STRING = "random:index/randomString:RandomString";
const PASSWORD = "random:index/randomPassword:RandomPassword";
const DEFAULTS = { upper: true, lower: true, numeric: true, special: true, minUpper: 0, minLower: 0, minNumeric: 0, minSpecial: 0 };

/** terraform's planned values: defaults filled, `number` and `numeric` mirroring each other. */
export function withDefaults(inputs: Props): Props {
    const out: Props = { ...DEFAULTS, ...inputs };
    if (inputs.numeric === undefined && inputs.number !== undefined) out.numeric = inputs.number;
    out.number = out.numeric;
    return out;
}

/** A deterministic byte stream: SHA-256 of the seed and a counter. */
function stream(seed: string): () => number {
    let block: Buffer = Buffer.alloc(0);
    let i = 0;
    let n = 0;
    return () => {
        if (i >= block.length) {
            block = sha256(`${seed}|${n++}`);
            i = 0;
        }
        return block[i++];
    };
}

/** internal/random/string.go CreateString, with `seed` for its randomness. */
export function randomString(p: Props, seed: string): string {
    const num = "0123456789";
    const lower = "abcdefghijklmnopqrstuvwxyz";
    const upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const special = typeof p.overrideSpecial === "string" && p.overrideSpecial !== "" ? p.overrideSpecial : "!@#$%&*()-_=+[]{}<>:?";
    const chars = `${p.upper ? upper : ""}${p.lower ? lower : ""}${p.numeric ? num : ""}${p.special ? special : ""}`;
    const next = stream(seed);
    // Uniform index in [0, n) by rejection (crypto/rand.Int is uniform too).
    const pick = (set: string) => {
        const limit = 256 - (256 % set.length);
        for (;;) {
            const b = next();
            if (b < limit) return set[b % set.length];
        }
    };
    const take = (set: string, count: number) => Array.from({ length: Math.max(0, count) }, () => pick(set));
    const result = [...take(num, p.minNumeric), ...take(lower, p.minLower), ...take(upper, p.minUpper), ...take(special, p.minSpecial)];
    const rest = p.length - result.length;
    if (rest > 0 && chars === "") throw new Error("random stand-in: no character class is enabled (upper, lower, numeric, special)");
    result.push(...take(chars, rest));
    const order = result.map(() => next());
    return result.map((c, i) => ({ c, o: order[i], i })).sort((a, b) => a.o - b.o || a.i - b.i).map((x) => x.c).join("");
}

function version(): string {
    return JSON.parse(fs.readFileSync(path.join(path.dirname(require.resolve("@pulumi/random/package.json")), "package.json"), "utf8")).version;
}

export class Random implements Provider {
    readonly name = "random";
    readonly version = version();

    configure(): void {
        // The provider has no configuration.
    }

    check(req: CheckRequest): { inputs: Props; failures: CheckFailure[] } {
        if (req.type !== STRING && req.type !== PASSWORD) {
            throw new Error(`random stand-in: resource type ${req.type} is not implemented (tools/standins/random.ts answers RandomString and RandomPassword)`);
        }
        const p = withDefaults(unwrap(req.news));
        const failures: CheckFailure[] = [];
        if (typeof p.length === "number") {
            // terraform-provider-random: int64validator.AtLeast(1), NewIntIsAtLeastSumOfValidator(min_*).
            const mins = [p.minUpper, p.minLower, p.minNumeric, p.minSpecial];
            const sum = mins.every((m) => typeof m === "number") ? mins.reduce((a, b) => a + b, 0) : 0;
            if (p.length < 1) failures.push({ property: "length", reason: `Attribute length value must be at least 1, got: ${p.length}` });
            else if (p.length < sum) failures.push({ property: "length", reason: `Attribute length expected to be at least ${sum} (the sum of min_upper, min_lower, min_numeric and min_special), got: ${p.length}` });
        }
        return { inputs: req.news, failures };
    }

    diff(req: DiffRequest): DiffResult {
        const changes = diffValues(withDefaults(req.oldInputs ?? req.olds), withDefaults(req.news));
        if (changes.length === 0) return { changes: "none", replaces: [], diffs: [], detailedDiff: {}, deleteBeforeReplace: false };
        const replaces = providerReplaces(req.type, changes.map((c) => c.path));
        return {
            changes: "some",
            replaces,
            diffs: [...new Set(changes.map((c) => topKey(c.path)))],
            detailedDiff: Object.fromEntries(changes.map((c) => [c.path, `${c.kind.toUpperCase()}${replaces.includes(c.path) ? "_REPLACE" : ""}` as DiffResult["detailedDiff"][string]])),
            deleteBeforeReplace: providerDeleteBeforeReplace(req.type, unwrap(req.news)),
        };
    }

    private outputs(req: ResourceRequest): { id: string; properties: Props } {
        const state: Props = { ...withDefaults(req.properties), overrideSpecial: req.properties.overrideSpecial ?? "" };
        const p = unwrap(state);
        if (req.preview) return { id: "", properties: { ...state, result: UNKNOWN } };
        if (containsUnknown(p)) throw new Error(`random stand-in: ${req.urn}: an input is unknown outside a preview`);
        const result = randomString(p, `${req.urn}|${canonical(p)}`);
        return req.type === PASSWORD ? { id: "none", properties: { ...state, result: secret(result) } } : { id: result, properties: { ...state, result } };
    }

    create(req: ResourceRequest): { id: string; properties: Props } {
        return this.outputs(req);
    }

    read(req: ResourceRequest): { id: string; properties: Props; inputs: Props } {
        return { id: req.id, properties: req.properties, inputs: req.oldInputs ?? {} };
    }

    update(req: ResourceRequest): { properties: Props } {
        return { properties: this.outputs(req).properties };
    }

    delete(): void {
        // Nothing to delete.
    }

    invoke(tok: string): Props {
        throw new Error(`random stand-in: function ${tok} is not implemented (the random provider has no functions)`);
    }
}
