import { recordStack } from "./tools/lib/stackRun";
(async () => {
    for (const [stack, preview] of [["prod", true], ["prod", true], ["prod", false], ["dev", true]] as const) {
        const t = Date.now(); const c = process.cpuUsage();
        const r = await recordStack(stack, { preview });
        const u = process.cpuUsage(c);
        console.log(stack, preview, r.records.length, "records", Date.now() - t, "ms", ((u.user + u.system) / 1000) | 0, "ms cpu");
    }
})();
