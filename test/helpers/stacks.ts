// The project's own stacks, recorded once per test process and shared by every spec that reads them
// (in-process, under the recording mock monitor: tools/lib/stackRun.ts). A stack's program is the same
// for every reader, so one run per (stack, mode) proves as much as one run per test; the records are
// frozen, so a spec that changed them would fail loudly instead of changing what the next one reads.
import type { RunResult } from "../../tools/lib/recorder";
import { recordStack } from "../../tools/lib/stackRun";

export type StackName = "dev" | "prod";
type StackRun = Awaited<ReturnType<typeof recordStack>>;

const runs = new Map<string, Promise<StackRun>>();

/** Freezes a plain value (records: JSON-like wire data) in depth. */
export function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value)) deepFreeze(v);
    }
    return value;
}

/** The stack's program as `pulumi preview` (preview: true) or `pulumi up` runs it, from Pulumi.<stack>.yaml. */
export function stackRun(stack: StackName, opts: { preview: boolean }): Promise<StackRun> {
    const key = `${stack} ${opts.preview}`;
    let run = runs.get(key);
    if (!run) {
        run = recordStack(stack, opts).then((r: RunResult<StackRun["result"]>) => {
            deepFreeze(r.records);
            return r;
        });
        runs.set(key, run);
    }
    return run;
}
