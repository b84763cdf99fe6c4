// Series 4, policy evaluation: AnalyzeStack on synthetic stacks (copies of the recorded prod preview).
// The request is encoded once, before the clock starts, and sent as bytes: the figure is the pack's
// own work (gRPC decode, @pulumi/policy's per-policy deserialization, the stack policies), not the
// client's JavaScript encoding, which the engine (Go) does not pay. tools/lib/analyzer.ts starts the
// pack the same way (run-policy-pack, cwd = pack, port on stdout) but hides the port, hence startRaw.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { NAME_PROP, ONLINE_DEPLOYMENT } from "../../policy/lib/types";
import { AnalyzerResource, toAnalyzerResource, toStackResource } from "../lib/analyzer";
import { ROOT } from "../lib/stackConfig";
import { runProgram } from "../engine";
import { interleave } from "./measure";
import { median, Row } from "./report";
import { replicateStack } from "./synthetic";

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

/** ARM names renamed per copy: all but deployments (scoped to their endpoint, named in its traffic map). */
const UNIQUE_NAMES = Object.fromEntries(Object.entries(NAME_PROP).filter(([t]) => t !== ONLINE_DEPLOYMENT));

/** The AnalyzeStack request as bytes, built as the preview builds it (tools/lib/analyzer.ts). */
export function encodeStack(resources: readonly AnalyzerResource[]): Uint8Array {
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList(resources.map(toStackResource));
    return req.serializeBinary();
}

interface RawPack {
    /** Sends encoded AnalyzeStack bytes; resolves to the diagnostics' enforcement levels. */
    analyzeStack(bytes: Uint8Array): Promise<string[]>;
    close(): void;
}

async function startRaw(packDir: string): Promise<RawPack> {
    const runner = path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/run-policy-pack");
    const child: ChildProcess = spawn(process.execPath, [runner, "127.0.0.1:0", "."], { cwd: packDir, stdio: ["ignore", "pipe", "inherit"] });
    const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (d) => {
            out += d;
            const m = /^(\d+)\s*\n/.exec(out);
            if (m) resolve(Number(m[1]));
        });
        child.once("exit", (code) => reject(new Error(`policy pack exited with code ${code} before printing its port`)));
    });
    const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { "grpc.max_send_message_length": -1, "grpc.max_receive_message_length": -1 });
    return {
        analyzeStack: (bytes) => new Promise((resolve, reject) => {
            client.makeUnaryRequest("/pulumirpc.Analyzer/AnalyzeStack", (b: Uint8Array) => Buffer.from(b), (b: Buffer) => pb.AnalyzeResponse.deserializeBinary(b), bytes, (err, res) =>
                err ? reject(err) : resolve(res!.getDiagnosticsList().map((d) => LEVELS[d.getEnforcementlevel()])));
        }),
        close: () => {
            client.close();
            child.kill("SIGTERM");
        },
    };
}

/** `packDir`: the pack to measure (default policy/; another directory to compare a candidate change). */
export async function policySeries(runs: number, sizes: number[], packDir = path.join(ROOT, "policy"), template?: AnalyzerResource[]): Promise<Row[]> {
    const tpl = template ?? (await runProgram({ root: ROOT, stack: "prod", preview: true })).records.map(toAnalyzerResource);
    const stacks = new Map(sizes.map((n) => {
        const stack = replicateStack(tpl, Math.ceil(n / tpl.length), UNIQUE_NAMES);
        const t = process.hrtime.bigint();
        const bytes = encodeStack(stack);
        return [n, { count: stack.length, bytes, encodeMs: Number(process.hrtime.bigint() - t) / 1e6 }] as const;
    }));
    const pack = await startRaw(packDir);
    try {
        const levels = await pack.analyzeStack(encodeStack(tpl)); // the template's own findings
        const mandatory = levels.filter((l) => l === "mandatory").length;
        await pack.analyzeStack(stacks.get(sizes[0])!.bytes); // warm-up (JIT), not counted
        const samples = await interleave(runs, Object.fromEntries(sizes.map((n) => [String(n), async () => {
            const s = stacks.get(n)!;
            const t = process.hrtime.bigint();
            await pack.analyzeStack(s.bytes);
            return s.count / (Number(process.hrtime.bigint() - t) / 1e9);
        }])), 10_000);
        return sizes.map((n) => {
            const s = stacks.get(n)!;
            return {
                section: "policy", name: `AnalyzeStack, ${s.count.toLocaleString("en-US")} resources`, value: median(samples[String(n)]), unit: "resources/s", runs: samples[String(n)].length,
                samples: samples[String(n)], budget: { text: ">= 5,000/s", min: 5000 },
                note: `${path.relative(ROOT, packDir)}; copies of prod preview (${tpl.length} resources, ${mandatory} mandatory findings); request ${(s.bytes.length / 1e6).toFixed(1)} MB, encoded beforehand in ${s.encodeMs.toFixed(0)} ms`,
            };
        });
    } finally {
        pack.close();
    }
}
