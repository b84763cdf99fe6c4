// A stand-in for pulumi-language-nodejs v3.248.0, the nodejs language host the Pulumi CLI starts to
// run a program and to start a policy pack.
//
// Why a stand-in: the real host is its own Go module
// (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, untagged), and the Go module
// proxy this project's machines reach answers 403 for it (every pseudo-version of the v3.248.0
// commit, @latest and the version list). `npm run setup:pulumi` tries it first and builds this one
// only when it is refused (tools/setup-pulumi.ts). The CLI, its engine, the config and secrets
// handling, the step generator and the policy analyzer are the real ones; only the process launch
// below is ours.
//
// What it does, read from pulumi/pulumi v3.248.0 sdk/nodejs/cmd/pulumi-language-nodejs/main.go:
//   - main: flags -tracing, -runtime (nodejs only here), -version; the engine's address as the first
//     argument; serve LanguageRuntime and print the port on stdout.
//   - GetRequiredPackages (getPackagesFromDir): every package.json under a node_modules folder below
//     the program's folder whose "pulumi" section says resource: true is a resource plugin, named by
//     pulumi.name or the package name without "@pulumi/", at pulumi.version or the package version,
//     with a leading "v". Folders holding a policy pack are skipped, symlinks followed once.
//   - Run (execRuntime, constructArguments, constructConfig, constructConfigSecretKeys):
//     `node [nodeargs] <@pulumi/pulumi/cmd/run resolved from the program's folder> --monitor A
//     --engine E [--organization O] --project P --root-directory R --stack S --pwd D [--dry-run]
//     --parallel N <entry point> [args]`, with the CLI's environment plus PULUMI_CONFIG (the config,
//     keys rewritten "<ns>:config:<name>", one JSON object), PULUMI_CONFIG_SECRET_KEYS,
//     PULUMI_NODEJS_TYPESCRIPT=true (runtime option typescript, default true) and
//     PULUMI_NODEJS_TSCONFIG_PATH (option tsconfig). Exit code 32 means the program already
//     reported its error (Bail); another is "Program exited with non-zero exit code: N". A config
//     too big for one environment string makes exec fail with "argument list too long", reported as
//     "Problem executing program (could not run language executor): ..." (pulumi/pulumi#8680).
//   - RunPlugin for a policy pack (kind analyzer): `node <@pulumi/pulumi/cmd/run-policy-pack>
//     [nodeargs] [args] <pack folder>` in the pack's folder, its environment extended with the
//     stack's configuration that the engine sends the pack (the SDK's PolicyProxy, sdk/v3
//     policy_proxy.go, used here as the real host uses it): PULUMI_NODEJS_ORGANIZATION, _PROJECT,
//     _STACK, _DRY_RUN and PULUMI_CONFIG.
//
// Not reproduced (none of it changes what the program or the pack receives): the resource-monitor
// proxy between the program and the engine (it forwards every call unchanged), the --sync pipes of
// old SDKs' synchronous invokes, debugging, tracing, the bun runtime, the out-of-memory hint, and
// the code generation, packing and linking RPCs (UNIMPLEMENTED). InstallDependencies installs
// nothing: it reports that node_modules must be installed first (npm ci), as this project does.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/google/shlex"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The version reported to the engine; set with -ldflags -X main.version=v3.248.0 (setup-pulumi.ts).
var version = "v0.0.0-dev"

// The exit code with which @pulumi/pulumi/cmd/run says it has already shown the user's error.
const bailExitCode = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engine string
}

func main() {
	flag.String("tracing", "", "tracing endpoint (ignored by this stand-in)")
	runtimeName := flag.String("runtime", "nodejs", "runtime for the program (nodejs)")
	showVersion := flag.Bool("version", false, "print the plugin's version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(version)
		return
	}
	if *runtimeName != "nodejs" {
		cmdutil.Exit(fmt.Errorf("unsupported runtime: %s (this stand-in runs nodejs only)", *runtimeName))
	}
	h := &host{}
	if args := flag.Args(); len(args) > 0 {
		h.engine = args[0]
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if h.engine != "" {
		// The real host stops when the engine goes away: so does this one.
		if err := rpcutil.Healthcheck(ctx, h.engine, 5*time.Minute, cancel); err != nil {
			cmdutil.Exit(fmt.Errorf("could not start health check host RPC server: %w", err))
		}
	}
	done := make(chan bool)
	go func() { <-ctx.Done(); close(done) }()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: done,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
	})
	if err != nil {
		cmdutil.Exit(fmt.Errorf("could not start language host RPC server: %w", err))
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		cmdutil.Exit(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}

func (h *host) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engine = req.EngineAddress
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// options are the project's runtime options (Pulumi.yaml runtime.options) this host reads.
type options struct {
	typescript bool
	tsconfig   string
	nodeargs   []string
}

func parseOptions(info *pulumirpc.ProgramInfo) (options, error) {
	o := options{typescript: true}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return o, errors.New("typescript option must be a boolean")
		}
		o.typescript = b
	}
	if v, ok := m["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return o, errors.New("tsconfigpath option must be a string")
		}
		o.tsconfig = s
	}
	if v, ok := m["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return o, errors.New("nodeargs option must be a string")
		}
		args, err := shlex.Split(s)
		if err != nil {
			return o, err
		}
		o.nodeargs = args
	}
	return o, nil
}

func (o options) env() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}

// resolve finds a module as the program's own node would (require.resolve from its folder).
func resolve(module, dir, hint string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)); } catch (e) { `+
		`console.error(e.code === "MODULE_NOT_FOUND" ? "It looks like the Pulumi SDK has not been installed. Have you run %s?" : e.message); process.exit(1); }`,
		module, hint)
	cmd := exec.Command("node", "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", errors.New(string(ee.Stderr))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	fail := func(err error) (*pulumirpc.RunResponse, error) {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if _, err := exec.LookPath("node"); err != nil {
		return fail(fmt.Errorf("could not find node on the $PATH: %w", err))
	}
	info := req.GetInfo()
	runPath, err := resolve("@pulumi/pulumi/cmd/run", info.GetProgramDirectory(), "pulumi install")
	if err != nil {
		return fail(err)
	}
	opts, err := parseOptions(info)
	if err != nil {
		return fail(err)
	}
	cfg := map[string]string{}
	for k, v := range req.GetConfig() {
		key, err := config.ParseKey(k)
		if err != nil {
			return fail(fmt.Errorf("failed to serialize configuration: %w", err))
		}
		cfg[key.Namespace()+":config:"+key.Name()] = v
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		return fail(fmt.Errorf("failed to serialize configuration: %w", err))
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return fail(fmt.Errorf("failed to serialize configuration secret keys: %w", err))
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runPath)
	flagArg := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	flagArg("monitor", req.GetMonitorAddress())
	flagArg("engine", h.engine)
	flagArg("organization", req.GetOrganization())
	flagArg("project", req.GetProject())
	flagArg("root-directory", info.GetRootDirectory())
	flagArg("stack", req.GetStack())
	flagArg("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	flagArg("parallel", strconv.Itoa(int(req.GetParallel())))
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Env = append(os.Environ(), "PULUMI_CONFIG="+string(cfgJSON), "PULUMI_CONFIG_SECRET_KEYS="+string(secretJSON))
	cmd.Env = append(cmd.Env, opts.env()...)
	// Through a pipe, not the file itself: node may switch its stdio to non-blocking mode.
	cmd.Stdout = struct{ *os.File }{os.Stdout}
	cmd.Stderr = struct{ *os.File }{os.Stderr}
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return fail(fmt.Errorf("Problem executing program (could not run language executor): %w", err))
		}
		if ee.ExitCode() == bailExitCode {
			return &pulumirpc.RunResponse{Bail: true}, nil
		}
		return fail(fmt.Errorf("Program exited with non-zero exit code: %d", ee.ExitCode()))
	}
	return &pulumirpc.RunResponse{}, nil
}

func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	info := req.GetInfo()
	opts, err := parseOptions(info)
	if err != nil {
		return err
	}
	analyzer := req.GetKind() == string(apitype.AnalyzerPlugin)
	module, hint := "@pulumi/pulumi/cmd/run-plugin", "npm install in "+info.GetProgramDirectory()
	if analyzer {
		module = "@pulumi/pulumi/cmd/run-policy-pack"
	}
	runPath, err := resolve(module, info.GetProgramDirectory(), hint)
	if err != nil {
		return err
	}
	args := append([]string{runPath}, opts.nodeargs...)
	env := append(append([]string{}, req.GetEnv()...), opts.env()...)
	var proxy *sdk.PolicyProxy
	if analyzer {
		args = append(append(args, req.GetArgs()...), info.GetProgramDirectory())
		// The pack learns the stack's configuration from the engine's first call to it: the SDK's
		// proxy answers that call, and the pack starts with the configuration in its environment.
		if proxy, stdout, err = sdk.NewPolicyProxy(ctx, stdout); err != nil {
			return fmt.Errorf("could not start policy pack proxy: %w", err)
		}
		stack, err := proxy.AwaitConfiguration(ctx)
		if err != nil {
			return fmt.Errorf("could not get stack configuration: %w", err)
		}
		if stack != nil {
			add := func(k, v string) {
				if v != "" {
					env = append(env, k+"="+v)
				}
			}
			add("PULUMI_NODEJS_ORGANIZATION", stack.Organization)
			add("PULUMI_NODEJS_PROJECT", stack.Project)
			add("PULUMI_NODEJS_STACK", stack.Stack)
			add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(stack.DryRun))
			if stack.Config != nil {
				b, err := json.Marshal(stack.Config)
				if err != nil {
					return fmt.Errorf("could not marshal stack configuration: %w", err)
				}
				add("PULUMI_CONFIG", string(b))
			}
		}
	} else {
		args = append(append(args, info.GetProgramDirectory()), req.GetArgs()...)
	}
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = req.GetPwd()
	if analyzer {
		cmd.Dir = info.GetProgramDirectory() // packs run in their own folder
	}
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("Problem executing plugin program (could not run language executor): %w", err)
	}
	if proxy != nil {
		return proxy.Attach(ctx, cmd)
	}
	if err := cmd.Wait(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("Program exited with non-zero exit code: %d", ee.ExitCode())
		}
		return err
	}
	return closer.Close()
}

func (h *host) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	pkgs := requiredPackages(req.GetInfo().GetProgramDirectory(), false, map[string]bool{})
	return &pulumirpc.GetRequiredPackagesResponse{Packages: pkgs}, nil
}

type packageJSON struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Pulumi  struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

// requiredPackages walks dir for the resource plugins its node_modules folders declare.
func requiredPackages(dir string, inNodeModules bool, seen map[string]bool) []*pulumirpc.PackageDependency {
	dir, err := filepath.Abs(dir)
	if err != nil || seen[dir] {
		return nil
	}
	seen[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []*pulumirpc.PackageDependency
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				continue
			}
			st, err := os.Stat(target)
			if err != nil {
				continue
			}
			p, isDir = target, st.IsDir()
		}
		if isDir {
			if pack, _ := workspace.DetectPolicyPackPathAt(p); pack != "" {
				continue
			}
			out = append(out, requiredPackages(p, inNodeModules || filepath.Base(dir) == "node_modules", seen)...)
			continue
		}
		if !inNodeModules || e.Name() != "package.json" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		var info packageJSON
		if json.Unmarshal(b, &info) != nil || !info.Pulumi.Resource {
			continue
		}
		name := info.Pulumi.Name
		if name == "" {
			if !strings.HasPrefix(info.Name, "@pulumi/") {
				continue
			}
			name = strings.TrimPrefix(info.Name, "@pulumi/")
		}
		v := info.Pulumi.Version
		if v == "" {
			v = info.Version
		}
		if v == "" {
			continue
		}
		if !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
		out = append(out, &pulumirpc.PackageDependency{Name: name, Kind: "resource", Version: v, Server: info.Pulumi.Server})
	}
	return out
}

func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	dir := req.GetInfo().GetProgramDirectory()
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		return nil
	}
	return fmt.Errorf("%s has no node_modules: run npm ci there first (this stand-in language host installs nothing)", dir)
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find executable %q: %w", "node", err)
	}
	out, _ := exec.CommandContext(ctx, node, "--version").Output()
	return &pulumirpc.AboutResponse{Executable: node, Version: strings.TrimSpace(string(out)), Metadata: map[string]string{"packagemanager": "npm"}}, nil
}

func (h *host) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	// package.json's direct dependencies at the versions installed under node_modules.
	dir := req.GetInfo().GetProgramDirectory()
	var manifest struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("failed to get node dependencies: %w", err)
	}
	if err := json.Unmarshal(b, &manifest); err != nil {
		return nil, fmt.Errorf("failed to get node dependencies: %w", err)
	}
	names := make([]string, 0, len(manifest.Dependencies))
	for name := range manifest.Dependencies {
		names = append(names, name)
	}
	sort.Strings(names)
	var deps []*pulumirpc.DependencyInfo
	for _, name := range names {
		var installed packageJSON
		if b, err := os.ReadFile(filepath.Join(dir, "node_modules", name, "package.json")); err == nil && json.Unmarshal(b, &installed) == nil {
			deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: installed.Version})
		}
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
