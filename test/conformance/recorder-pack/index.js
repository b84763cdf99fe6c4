// A policy pack that records what it is sent: every Analyze and AnalyzeStack request, one JSON
// object a line, appended to the file named by AKSML_RECORD_FILE. It answers as a pack with one
// advisory policy that never reports anything. Started like any nodejs pack
// (@pulumi/pulumi/cmd/run-policy-pack requires this file; like @pulumi/policy's server.js `serve`,
// it serves the analyzer protocol on a free port and prints the port), so the real engine and the
// emulated one (tools/lib/analyzer.ts) can be compared on what reaches a pack
// (test/conformance/engines.spec.ts). It reads nothing, so unknowns never abort it.
const fs = require("fs");
const grpc = require("@grpc/grpc-js");
const rpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
const pb = require("@pulumi/pulumi/proto/analyzer_pb.js");
const plugin = require("@pulumi/pulumi/proto/plugin_pb.js");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb.js");

const file = process.env.AKSML_RECORD_FILE;

function options(o) {
    if (!o) return undefined;
    return {
        protect: o.getProtect(),
        ignoreChanges: o.getIgnorechangesList(),
        deleteBeforeReplace: o.getDeletebeforereplacedefined() ? o.getDeletebeforereplace() : undefined,
        aliases: o.getAliasesList(),
        additionalSecretOutputs: o.getAdditionalsecretoutputsList(),
        parent: o.getParent(),
    };
}

function resource(r, stack) {
    const out = {
        type: r.getType(),
        name: r.getName(),
        urn: r.getUrn(),
        properties: r.getProperties() ? r.getProperties().toJavaScript() : {},
        options: options(r.getOptions()),
        provider: r.getProvider() ? { type: r.getProvider().getType(), name: r.getProvider().getName(), urn: r.getProvider().getUrn() } : undefined,
    };
    if (stack) {
        out.parent = r.getParent();
        out.dependencies = r.getDependenciesList();
        out.propertyDependencies = {};
        r.getPropertydependenciesMap().forEach((v, k) => (out.propertyDependencies[k] = v.getUrnsList()));
    }
    return out;
}

function record(entry) {
    if (file) fs.appendFileSync(file, JSON.stringify(entry) + "\n");
}

const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
server.addService(rpc.AnalyzerService, {
    analyze(call, cb) {
        record({ kind: "analyze", resource: resource(call.request, false) });
        cb(null, new pb.AnalyzeResponse());
    },
    analyzeStack(call, cb) {
        record({ kind: "analyzeStack", resources: call.request.getResourcesList().map((r) => resource(r, true)) });
        cb(null, new pb.AnalyzeResponse());
    },
    remediate(call, cb) {
        cb(null, new pb.RemediateResponse());
    },
    getAnalyzerInfo(call, cb) {
        const info = new pb.AnalyzerInfo();
        info.setName("aksml-recorder");
        info.setDisplayname("aksml-recorder");
        info.setVersion("0.0.1");
        info.setSupportsconfig(false);
        const policy = new pb.PolicyInfo();
        policy.setName("record");
        policy.setDisplayname("record");
        policy.setDescription("Records the request; never reports.");
        policy.setEnforcementlevel(pb.EnforcementLevel.ADVISORY);
        info.setPoliciesList([policy]);
        cb(null, info);
    },
    getPluginInfo(call, cb) {
        const info = new plugin.PluginInfo();
        info.setVersion("0.0.1");
        cb(null, info);
    },
    configure(call, cb) {
        cb(null, new Empty());
    },
    configureStack(call, cb) {
        cb(null, new pb.AnalyzerStackConfigureResponse());
    },
    handshake(call, cb) {
        cb(null, new pb.AnalyzerHandshakeResponse());
    },
});
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
        console.error(err);
        process.exit(1);
    }
    console.log(String(port));
});
