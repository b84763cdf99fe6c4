// The prod model of this repository scores as Azure ML calls it (init(), then run(json)), with
// numpy and the standard library only. Skipped where python3 with numpy is not installed (the script
// exits NO_NUMPY).
import * as assert from "assert";
import * as path from "path";
import { background, exec } from "../helpers/background";

const DIR = path.resolve(__dirname, "..", "..", "examples", "churn-prod");
const NO_NUMPY = 3;
const SCRIPT = `
import json, sys
try:
    import numpy
except ImportError:
    sys.exit(${NO_NUMPY})
sys.path.insert(0, ${JSON.stringify(path.join(DIR, "score"))})
import score
score.init()
print(json.dumps(score.run(json.dumps({"data": [
    {"tenure_months": 3, "monthly_charges": 80.5, "support_calls": 4, "contract_monthly": 1},
    {"tenure_months": 60, "monthly_charges": 30, "support_calls": 0, "contract_monthly": 0}]}))))
`;

const VERSIONS = ["model-v3", "model-v4"];
// Started as this file loads (test/helpers/background.ts): python and numpy take a while to start.
const scored = Object.fromEntries(VERSIONS.map((v) => [v, background(`score ${v}`, () => exec("python3", ["-c", SCRIPT], { env: { ...process.env, AZUREML_MODEL_DIR: path.join(DIR, v) } }))]));

describe("examples/churn-prod scoring", () => {
    for (const version of VERSIONS) {
        it(`${version}: a risky customer churns, a loyal one does not`, async function () {
            const r = await scored[version].catch(() => undefined); // no python3 at all
            if (!r || r.code === NO_NUMPY) this.skip();
            assert.strictEqual(r.code, 0, r.stderr);
            const [risky, loyal] = JSON.parse(r.stdout);
            assert.deepStrictEqual([risky.churn, loyal.churn], [true, false]);
            assert.ok(risky.churn_probability > 0.5 && loyal.churn_probability < 0.1);
        });
    }
});
