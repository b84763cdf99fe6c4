// Wire-form values: secrets, unknowns, assets, and the property diff the stand-ins share.
import * as assert from "assert";
import { ASSET_SIG, diffValues, guid, joinPath, mergeInto, SECRET_SIG, SIG, sameValue, topKey, UNKNOWN, unwrap } from "../../tools/standins/wire";

const secret = (value: any) => ({ [SIG]: SECRET_SIG, value });
const asset = (hash: string, p: string) => ({ [SIG]: ASSET_SIG, hash, path: p });

describe("stand-ins: wire values", () => {
    it("secrets compare by what they wrap; assets by hash; unknown differs from any known value", () => {
        assert.strictEqual(sameValue(secret({ a: [1, "x"] }), { a: [1, secret("x")] }), true);
        assert.strictEqual(sameValue(asset("h1", "a/b"), asset("h1", "./a/b")), true);
        assert.strictEqual(sameValue(asset("h1", "a/b"), asset("h2", "a/b")), false);
        assert.strictEqual(sameValue(UNKNOWN, "x"), false);
        assert.deepStrictEqual(unwrap({ a: secret({ b: secret(1) }) }), { a: { b: 1 } });
    });

    it("diffs leaf by leaf: nested updates, array adds and deletes, nulls as absent, provider flags ignored", () => {
        assert.deepStrictEqual(diffValues(
            { a: { b: 1, c: 2 }, list: [1, 2, 3], gone: "x", n: null, __flag: true },
            { a: { b: 1, c: 3 }, list: [1, 5], added: secret("s"), n: null, __flag: false },
        ), [
            { path: "a.c", kind: "update" },
            { path: "added", kind: "add" },
            { path: "gone", kind: "delete" },
            { path: "list[1]", kind: "update" },
            { path: "list[2]", kind: "delete" },
        ]);
        assert.deepStrictEqual(diffValues({ s: secret({ x: 1 }) }, { s: secret({ x: 2 }) }), [{ path: "s", kind: "update" }]);
    });

    it("paths in the engine's property-path syntax, and their top-level key", () => {
        assert.strictEqual(joinPath(joinPath(joinPath("", "tags"), "app.kubernetes.io/name"), 0), 'tags["app.kubernetes.io/name"][0]');
        // properties_path.go requiresQuote: anything outside [A-Za-z0-9_], `$` included; a leading digit is not quoted.
        assert.strictEqual(joinPath("t", "$x"), 't["$x"]');
        assert.strictEqual(joinPath("t", "0a"), "t.0a");
        assert.strictEqual(joinPath("t", 'say "hi"'), 't["say \\"hi\\""]');
        assert.strictEqual(topKey('tags["a.b"]'), "tags");
        assert.strictEqual(topKey('["a.b"].c'), "a.b");
        assert.strictEqual(topKey("agentPoolProfiles[0].vmSize"), "agentPoolProfiles");
    });

    it("merges read-only outputs into inputs: secrets stay wrapped, unknowns stay unknown, fill-only keeps inputs", () => {
        assert.deepStrictEqual(mergeInto(secret({ a: 1 }), { b: 2 }), secret({ a: 1, b: 2 }));
        assert.deepStrictEqual(mergeInto({ p: UNKNOWN }, { p: { x: 1 } }), { p: UNKNOWN });
        assert.deepStrictEqual(mergeInto({ p: { x: 1 } }, { p: { x: UNKNOWN, y: UNKNOWN } }, false), { p: { x: 1, y: UNKNOWN } });
    });

    it("GUIDs are version-4 shaped and a function of their seed", () => {
        assert.strictEqual(guid("seed"), guid("seed"));
        assert.notStrictEqual(guid("seed"), guid("seed2"));
        assert.match(guid("seed"), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });
});
