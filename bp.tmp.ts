import { buildPack } from "./tools/preview/policies";
(async () => {
    for (let i = 0; i < 3; i++) {
        const t = Date.now(); const c = process.cpuUsage();
        let ran = false;
        await buildPack("policy", async (tsconfig) => { ran = true; const { execFileSync } = await import("child_process"); execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", tsconfig]); });
        const u = process.cpuUsage(c);
        console.log(i, "compiled", ran, Date.now() - t, "ms", ((u.user + u.system) / 1000) | 0, "ms cpu");
    }
})();
