import * as assert from "assert";
import * as fs from "fs";
import * as YAML from "yaml";
import { isSecretKey } from "../../infra/config";
import { knownStacks, ROOT, stackFile, toRawConfig } from "../../tools/lib/stackConfig";

/** Values that must never sit in a stack file in plain text. */
const SECRET_KEYS = /(pem|password|clientsecret|key|token|connectionstring)$/i;
const PEM = /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/;

function walk(v: unknown, path: string, visit: (path: string, v: unknown) => void): void {
    visit(path, v);
    if (v !== null && typeof v === "object") {
        if (Object.keys(v).length === 1 && "secure" in (v as object)) return;
        for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, visit);
    }
}

describe("stack files", () => {
    it("ship dev and prod", () => {
        assert.deepStrictEqual(knownStacks(), ["dev", "prod"]);
    });

    for (const stack of ["dev", "prod"]) {
        it(`Pulumi.${stack}.yaml holds no plaintext secret`, () => {
            const config = YAML.parse(fs.readFileSync(stackFile(stack), "utf8")).config;
            const offending: string[] = [];
            walk(config, "", (p, v) => {
                const leaf = p.split(/[.:]/).pop() ?? "";
                if (typeof v === "string" && (PEM.test(v) || (SECRET_KEYS.test(leaf) && v !== ""))) offending.push(p);
            });
            assert.deepStrictEqual(offending, []);
        });
    }

    it("the project declares every key the stacks use, each with a description", () => {
        const project = YAML.parse(fs.readFileSync(`${ROOT}/Pulumi.yaml`, "utf8"));
        const declared = project.config as Record<string, { type: string; description?: string }>;
        for (const [k, decl] of Object.entries(declared)) assert.ok(decl.type && decl.description, `${k} needs a type and a description`);
        for (const stack of ["dev", "prod"]) {
            const config = YAML.parse(fs.readFileSync(stackFile(stack), "utf8")).config;
            for (const key of Object.keys(config).filter((k) => k.startsWith("aks-ml-serving:"))) {
                const name = key.slice("aks-ml-serving:".length);
                // The TLS secrets are deliberately undeclared: the CLI makes a declared secret key
                // required on every stack and fails a `default` on it (see Pulumi.yaml).
                assert.ok(declared[name] || isSecretKey(name), `${stack}: ${key} is not declared in Pulumi.yaml`);
            }
        }
        assert.ok(!declared.sslCertPem && !declared.sslKeyPem, "the TLS secrets are not declared");
    });

    it("offline, TLS material must be a secure: value; plain text is refused with how to set it", () => {
        assert.throws(() => toRawConfig("dev", { "aks-ml-serving:sslCertPem": "-----BEGIN CERTIFICATE-----" }),
            { message: "aks-ml-serving:sslCertPem: TLS material must not be plain text in the stack file; remove it and run: pulumi config set --secret sslCertPem < cert.pem" });
        assert.ok(toRawConfig("dev", { "aks-ml-serving:sslCertPem": "[secret]" }).secrets.sslCertPem, "the placeholder of a secure: value");
    });
});
