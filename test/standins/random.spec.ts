// The random stand-in over gRPC (in process): RandomString / RandomPassword as the bridged provider answers.
import * as assert from "assert";
import { Random, randomString, withDefaults } from "../../tools/standins/random";
import { SECRET_SIG, SIG, UNKNOWN } from "../../tools/standins/wire";
import { start, StandinClient, urn } from "./client";

const STRING = "random:index/randomString:RandomString";
const PASSWORD = "random:index/randomPassword:RandomPassword";
const suffixUrn = urn(STRING, "aksml-dev-ws-suffix", "aks-ml:index:Workspace");
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe("stand-ins: random", () => {
    let client: StandinClient;
    let stop: () => void;
    before(async () => {
        ({ client, stop } = await start(new Random()));
        await client.configure();
    });
    after(() => stop());

    it("reports the locked version of @pulumi/random", async () => {
        assert.strictEqual(await client.version(), "4.21.2");
    });

    it("Check returns the inputs as given and terraform's length validations", async () => {
        assert.deepStrictEqual(await client.check(suffixUrn, { length: 4, upper: false, special: false }), { inputs: { length: 4, upper: false, special: false }, failures: [] });
        assert.deepStrictEqual((await client.check(suffixUrn, { length: 0 })).failures, [{ property: "length", reason: "Attribute length value must be at least 1, got: 0" }]);
        assert.deepStrictEqual((await client.check(suffixUrn, { length: 3, minUpper: 2, minNumeric: 2 })).failures.map((f) => f.property), ["length"]);
        await assert.rejects(client.check(urn("random:index/randomPet:RandomPet", "p"), {}), /random stand-in: resource type random:index\/randomPet:RandomPet is not implemented/);
    });

    it("a preview leaves the result unknown (no ID) and fills terraform's defaults", async () => {
        const { id, properties } = await client.create(suffixUrn, { length: 4, upper: false, special: false }, true);
        assert.strictEqual(id, "");
        assert.deepStrictEqual(properties, {
            length: 4, upper: false, special: false, lower: true, numeric: true, number: true,
            minUpper: 0, minLower: 0, minNumeric: 0, minSpecial: 0, overrideSpecial: "", result: UNKNOWN,
        });
    });

    it("an update gives the same result for the same URN and inputs (pinned), the result as ID", async () => {
        const a = await client.create(suffixUrn, { length: 4, upper: false, special: false }, false);
        assert.deepStrictEqual([a.id, a.properties.result], ["3rve", "3rve"]);
        const b = await client.create(suffixUrn, { length: 4, upper: false, special: false }, false);
        assert.deepStrictEqual(b, a);
        const other = await client.create(urn(STRING, "aksml-dev-attach-suffix"), { length: 4, upper: false, special: false }, false);
        assert.notStrictEqual(other.id, a.id);
    });

    it("honours length, classes, minimums and overrideSpecial", async () => {
        const { properties } = await client.create(suffixUrn, { length: 24, minUpper: 3, minSpecial: 2, minNumeric: 4, overrideSpecial: "#%" }, false);
        const r: string = properties.result;
        assert.strictEqual(r, "#qd6S3c#DWq0kxV97h3C3fIg");
        assert.ok(count(r, /[A-Z]/g) >= 3 && count(r, /[#%]/g) >= 2 && count(r, /[0-9]/g) >= 4 && /^[A-Za-z0-9#%]{24}$/.test(r), r);
        const lowerOnly = randomString(withDefaults({ length: 40, upper: false, numeric: false, special: false }), "seed");
        assert.match(lowerOnly, /^[a-z]{40}$/);
    });

    it("a RandomPassword's result is a secret and its ID is 'none'", async () => {
        const { id, properties } = await client.create(urn(PASSWORD, "pw"), { length: 16 }, false);
        assert.strictEqual(id, "none");
        assert.strictEqual(properties.result[SIG], SECRET_SIG);
        assert.strictEqual(properties.result.value.length, 16);
    });

    it("Diff: DIFF_NONE for the same effective inputs (defaults spelt out or not), a replacement for any change", async () => {
        assert.strictEqual((await client.diff(suffixUrn, { length: 4 }, { length: 4, upper: true, minLower: 0 })).changes, "none");
        assert.deepStrictEqual(await client.diff(suffixUrn, { length: 4, upper: false }, { length: 8, upper: false, keepers: { a: "b" } }), {
            changes: "some", replaces: ["keepers", "length"], diffs: ["keepers", "length"],
            detailed: { keepers: "ADD_REPLACE", length: "UPDATE_REPLACE" }, deleteBeforeReplace: false,
        });
    });

    it("Read returns the state; Invoke fails naming the function", async () => {
        const created = await client.create(suffixUrn, { length: 4 }, false);
        assert.deepStrictEqual(await client.read(suffixUrn, created.id, created.properties, { length: 4 }), { id: created.id, properties: created.properties, inputs: { length: 4 } });
        await assert.rejects(client.invoke("random:index/getThing:getThing"), /random stand-in: function random:index\/getThing:getThing is not implemented/);
    });
});
