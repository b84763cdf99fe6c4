import * as assert from "assert";
import fc from "fast-check";
import { computeTraffic, MAX_VERSIONS, roleTags, RolloutError, RolloutVersion } from "../../components/rollout";

function fails(versions: RolloutVersion[], where: string, message: string) {
    assert.throws(() => computeTraffic(versions), (e: unknown) => {
        assert.ok(e instanceof RolloutError, `expected a RolloutError, got ${e}`);
        assert.strictEqual(e.message, message);
        assert.strictEqual(e.where(), where);
        return true;
    });
}

const v = (versionName: string, more: Partial<RolloutVersion> = {}): RolloutVersion => ({ versionName, ...more });

/** Valid version lists: 1..6 unique names, at most one default/control, percentiles summing to <= 100. */
const validVersions = fc
    .tuple(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{2,8}$/), { minLength: 1, maxLength: MAX_VERSIONS }),
        fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), { minLength: MAX_VERSIONS, maxLength: MAX_VERSIONS }),
        fc.option(fc.nat(MAX_VERSIONS - 1), { nil: undefined }),
        fc.option(fc.nat(MAX_VERSIONS - 1), { nil: undefined }),
    )
    .map(([names, pcts, def, ctl]) => {
        let left = 100;
        return names.map((name, i): RolloutVersion => {
            const p = pcts[i] === undefined ? undefined : Math.min(pcts[i]!, left);
            if (p !== undefined) left -= p;
            return { versionName: name, trafficPercentile: p, isDefault: def === i, isControlVersionType: ctl === i };
        });
    });

describe("rollout: computeTraffic", () => {
    it("a single version (the plain web service) gets all traffic", () => {
        assert.deepStrictEqual(computeTraffic([v("blue")]), { traffic: { blue: 100 }, defaultVersion: "blue", controlVersion: undefined });
        assert.deepStrictEqual(computeTraffic([v("blue", { trafficPercentile: 20 })]).traffic, { blue: 100 });
    });

    it("the seed's examples: the first version is the default and takes the remainder", () => {
        // versiona 20% (default) + versionb 10%: the remaining 70% goes to versiona.
        const r = computeTraffic([v("versiona", { trafficPercentile: 20 }), v("versionb", { trafficPercentile: 10 })]);
        assert.deepStrictEqual(r.traffic, { versiona: 90, versionb: 10 });
        assert.strictEqual(r.defaultVersion, "versiona");
        // versionb raised to 40% and made the default (and control): it gets 40 + 40 = 80%.
        const r2 = computeTraffic([
            v("versiona", { trafficPercentile: 20 }),
            v("versionb", { trafficPercentile: 40, isDefault: true, isControlVersionType: true }),
        ]);
        assert.deepStrictEqual(r2.traffic, { versiona: 20, versionb: 80 });
        assert.strictEqual(r2.defaultVersion, "versionb");
        assert.strictEqual(r2.controlVersion, "versionb");
    });

    it("control 80 / treatment 20, and every version is named even at 0%", () => {
        const r = computeTraffic([
            v("control", { isControlVersionType: true }),
            v("treatment", { trafficPercentile: 20 }),
            v("shadow", { trafficPercentile: 0 }),
        ]);
        assert.deepStrictEqual(r.traffic, { control: 80, treatment: 20, shadow: 0 });
        assert.deepStrictEqual(Object.keys(r.traffic), ["control", "treatment", "shadow"], "version order is kept");
        assert.deepStrictEqual(roleTags(r, "control"), { versionType: "Control", isDefault: "true" });
        assert.deepStrictEqual(roleTags(r, "treatment"), { versionType: "Treatment", isDefault: "false" });
    });

    it("without a control every version is a Treatment", () => {
        const r = computeTraffic([v("a"), v("b", { trafficPercentile: 100 })]);
        assert.strictEqual(r.controlVersion, undefined);
        assert.deepStrictEqual(r.traffic, { a: 0, b: 100 });
        assert.deepStrictEqual(roleTags(r, "a"), { versionType: "Treatment", isDefault: "true" });
    });

    it("rejects with exact messages", () => {
        fails([], "versions", "expected 1 to 6 versions, got 0");
        fails(["a", "b", "c", "d", "e", "f", "g"].map((n) => v(n)), "versions", "expected 1 to 6 versions, got 7");
        fails([v("a"), v("a")], "versions[1].versionName", `"a" is already the name of versions[0]`);
        fails([v("a", { isDefault: true }), v("b", { isDefault: true })], "versions[1].isDefault", `only one version may be the default; "a" already is`);
        fails([v("a", { isControlVersionType: true }), v("b"), v("c", { isControlVersionType: true })],
            "versions[2].isControlVersionType", `only one version may be the control; "a" already is`);
        fails([v("a", { trafficPercentile: 101 })], "versions[0].trafficPercentile", "expected an integer from 0 to 100, got 101");
        fails([v("a"), v("b", { trafficPercentile: -1 })], "versions[1].trafficPercentile", "expected an integer from 0 to 100, got -1");
        fails([v("a", { trafficPercentile: 12.5 })], "versions[0].trafficPercentile", "expected an integer from 0 to 100, got 12.5");
        fails([v("a", { trafficPercentile: 80 }), v("b"), v("c", { trafficPercentile: 50 })], "versions",
            "trafficPercentile values sum to 130 (a: 80, c: 50); at most 100 is allowed");
    });

    it("exactly six versions are allowed", () => {
        const r = computeTraffic(["a", "b", "c", "d", "e", "f"].map((n) => v(n, { trafficPercentile: 10 })));
        assert.deepStrictEqual(r.traffic, { a: 50, b: 10, c: 10, d: 10, e: 10, f: 10 });
    });

    describe("properties", () => {
        it("the map names every version, in order, and sums to 100", () => {
            fc.assert(fc.property(validVersions, (versions) => {
                const { traffic } = computeTraffic(versions);
                assert.deepStrictEqual(Object.keys(traffic), versions.map((x) => x.versionName));
                assert.strictEqual(Object.values(traffic).reduce((a, b) => a + b, 0), 100);
                for (const t of Object.values(traffic)) assert.ok(Number.isInteger(t) && t >= 0 && t <= 100);
            }));
        });

        it("the default (the marked one, else the first) gets its own share plus the remainder; others get exactly theirs", () => {
            fc.assert(fc.property(validVersions, (versions) => {
                const r = computeTraffic(versions);
                const marked = versions.find((x) => x.isDefault);
                const def = marked ?? versions[0];
                assert.strictEqual(r.defaultVersion, def.versionName);
                const claimed = versions.reduce((s, x) => s + (x.trafficPercentile ?? 0), 0);
                assert.strictEqual(r.traffic[def.versionName], (def.trafficPercentile ?? 0) + 100 - claimed);
                for (const x of versions) {
                    if (x !== def) assert.strictEqual(r.traffic[x.versionName], x.trafficPercentile ?? 0);
                }
            }));
        });

        it("at most one Control tag, and exactly one isDefault=true tag", () => {
            fc.assert(fc.property(validVersions, (versions) => {
                const r = computeTraffic(versions);
                const tags = versions.map((x) => roleTags(r, x.versionName));
                assert.strictEqual(tags.filter((t) => t.isDefault === "true").length, 1);
                const controls = tags.filter((t) => t.versionType === "Control").length;
                assert.strictEqual(controls, versions.some((x) => x.isControlVersionType) ? 1 : 0);
            }));
        });

        it("claims over 100 are always refused", () => {
            const over = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: MAX_VERSIONS })
                .filter((ps) => ps.reduce((a, b) => a + b, 0) > 100);
            fc.assert(fc.property(over, (ps) => {
                assert.throws(() => computeTraffic(ps.map((p, i) => v(`v${i}`, { trafficPercentile: p }))), /at most 100 is allowed$/);
            }));
        });
    });
});
