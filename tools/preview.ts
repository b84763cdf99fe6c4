// The offline preview: `npm run preview -- --stack dev`. Runs the stack's program by the engine's
// path (tools/engine: Pulumi.yaml and the stack's config by the CLI's rules, `@pulumi/pulumi/cmd/run`
// launched as the nodejs language host launches it, against a gRPC resource monitor with preview
// semantics), then the policy pack as the engine does, and prints the resource tree, a summary and
// the policy results (text, markdown or json). The work is tools/preview/main.ts; exit codes there.
import { answerUsage } from "./preview/args";
import type { PreviewIo } from "./preview/main";

const io: PreviewIo = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    tty: !!process.stderr.isTTY,
    env: process.env,
};

function finish(code: number): void {
    // Exit once stdout is flushed: nothing (the pack process, gRPC) may keep the process alive.
    process.stdout.write("", () => process.exit(code));
}

// --help and bad usage are answered before main.ts loads: loading it (ts-node compiling the
// preview's, the engine's and the config's modules, @pulumi/pulumi, zod) is most of a 4 s refusal.
const argv = process.argv.slice(2);
const early = answerUsage(argv, io);
if (early !== undefined) {
    finish(early);
} else {
    // An unhandled error in main.ts is a defect of this tool: one line, exit 3, rather than a hang.
    void import("./preview/main").then(({ preview, reportFailure }) => {
        const fail = (e: unknown) => finish(reportFailure(e, io));
        process.on("unhandledRejection", fail);
        process.on("uncaughtException", fail);
        return preview(argv, io).then(finish, fail);
    }, (e: unknown) => {
        // ts-node's message starts "⨯ Unable to compile TypeScript:" and names the error on the next line.
        const [first, next] = String(e instanceof Error ? e.message : e).split("\n").map((l) => l.trim()).filter((l) => l);
        io.err(`error: the preview could not load: ${first?.endsWith(":") && next ? `${first} ${next}` : first}\n`);
        finish(3);
    });
}
