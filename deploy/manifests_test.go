package deploy

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/stancetag/stancetag/server"
)

// The subset of the Kubernetes objects the tests read.
type (
	meta struct {
		Name   string            `yaml:"name"`
		Labels map[string]string `yaml:"labels"`
	}
	labelSelector struct {
		MatchLabels map[string]string `yaml:"matchLabels"`
	}
	grpcAction struct {
		Port    int     `yaml:"port"`
		Service *string `yaml:"service"`
	}
	probe struct {
		GRPC *grpcAction `yaml:"grpc"`
	}
	securityContext struct {
		RunAsNonRoot             *bool `yaml:"runAsNonRoot"`
		ReadOnlyRootFilesystem   *bool `yaml:"readOnlyRootFilesystem"`
		AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
		Capabilities             struct {
			Drop []string `yaml:"drop"`
		} `yaml:"capabilities"`
	}
	containerPort struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	}
	container struct {
		Name            string                       `yaml:"name"`
		Image           string                       `yaml:"image"`
		Command         []string                     `yaml:"command"`
		Args            []string                     `yaml:"args"`
		Ports           []containerPort              `yaml:"ports"`
		ReadinessProbe  *probe                       `yaml:"readinessProbe"`
		LivenessProbe   *probe                       `yaml:"livenessProbe"`
		SecurityContext securityContext              `yaml:"securityContext"`
		Resources       map[string]map[string]string `yaml:"resources"`
	}
	deployment struct {
		Kind     string `yaml:"kind"`
		Metadata meta   `yaml:"metadata"`
		Spec     struct {
			Selector labelSelector `yaml:"selector"`
			Template struct {
				Metadata meta `yaml:"metadata"`
				Spec     struct {
					TerminationGracePeriodSeconds int             `yaml:"terminationGracePeriodSeconds"`
					SecurityContext               securityContext `yaml:"securityContext"`
					Containers                    []container     `yaml:"containers"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	service struct {
		Kind     string `yaml:"kind"`
		Metadata meta   `yaml:"metadata"`
		Spec     struct {
			ClusterIP string            `yaml:"clusterIP"`
			Selector  map[string]string `yaml:"selector"`
			Ports     []struct {
				Name       string `yaml:"name"`
				Port       int    `yaml:"port"`
				TargetPort string `yaml:"targetPort"` // a name or a number
			} `yaml:"ports"`
		} `yaml:"spec"`
	}
	hpa struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Spec       struct {
			ScaleTargetRef struct {
				APIVersion string `yaml:"apiVersion"`
				Kind       string `yaml:"kind"`
				Name       string `yaml:"name"`
			} `yaml:"scaleTargetRef"`
			MinReplicas int `yaml:"minReplicas"`
			MaxReplicas int `yaml:"maxReplicas"`
			Metrics     []struct {
				Type     string `yaml:"type"`
				Resource struct {
					Name   string `yaml:"name"`
					Target struct {
						Type               string `yaml:"type"`
						AverageUtilization int    `yaml:"averageUtilization"`
					} `yaml:"target"`
				} `yaml:"resource"`
			} `yaml:"metrics"`
		} `yaml:"spec"`
	}
	pdb struct {
		Kind string `yaml:"kind"`
		Spec struct {
			MinAvailable   *string       `yaml:"minAvailable"`
			MaxUnavailable *string       `yaml:"maxUnavailable"`
			Selector       labelSelector `yaml:"selector"`
		} `yaml:"spec"`
	}
	kustomization struct {
		Resources []string `yaml:"resources"`
		Images    []struct {
			Name    string `yaml:"name"`
			NewName string `yaml:"newName"`
		} `yaml:"images"`
	}
)

const manifests = "kubernetes"

// load decodes the YAML document manifests/name into v; fields v does not
// model are ignored.
func load(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(manifests, name))
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(b, v), "%s", name)
}

// fleet is every manifest, decoded.
type fleet struct {
	dep      deployment
	pod      container
	headless service
	svc      service
	hpa      hpa
	pdb      pdb
	kust     kustomization
}

func loadFleet(t *testing.T) *fleet {
	t.Helper()
	f := &fleet{}
	load(t, "deployment.yaml", &f.dep)
	load(t, "service-headless.yaml", &f.headless)
	load(t, "service.yaml", &f.svc)
	load(t, "hpa.yaml", &f.hpa)
	load(t, "pdb.yaml", &f.pdb)
	load(t, "kustomization.yaml", &f.kust)
	require.Equal(t, "Deployment", f.dep.Kind)
	require.Len(t, f.dep.Spec.Template.Spec.Containers, 1, "one container per pod")
	f.pod = f.dep.Spec.Template.Spec.Containers[0]
	return f
}

// flagValue returns the value of --name=value (or -name=value) in args.
func flagValue(t *testing.T, args []string, name string) string {
	t.Helper()
	for _, a := range args {
		for _, prefix := range []string{"--" + name + "=", "-" + name + "="} {
			if v, ok := strings.CutPrefix(a, prefix); ok {
				return v
			}
		}
	}
	require.Failf(t, "flag missing", "no --%s=... in args %q", name, args)
	return ""
}

// portOf is the port of a listen address such as ":50051".
func portOf(t *testing.T, addr string) int {
	t.Helper()
	_, p, err := net.SplitHostPort(addr)
	require.NoError(t, err, "address %q", addr)
	n, err := strconv.Atoi(p)
	require.NoError(t, err, "address %q", addr)
	return n
}

// containerPortNamed returns the port named name, failing if there is none.
func containerPortNamed(t *testing.T, c container, name string) int {
	t.Helper()
	for _, p := range c.Ports {
		if p.Name == name {
			return p.ContainerPort
		}
	}
	require.Failf(t, "port missing", "container %s has no port named %q", c.Name, name)
	return 0
}

// selects reports whether every pair of selector is among labels: the pods
// with labels are selected. An empty selector would select every pod of the
// namespace, so it does not count.
func selects(selector, labels map[string]string) bool {
	if len(selector) == 0 {
		return false
	}
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func TestKustomizationListsEveryManifest(t *testing.T) {
	t.Parallel()
	var k kustomization
	load(t, "kustomization.yaml", &k)
	files, err := filepath.Glob(filepath.Join(manifests, "*.yaml"))
	require.NoError(t, err)
	var want []string
	for _, f := range files {
		if b := filepath.Base(f); b != "kustomization.yaml" {
			want = append(want, b)
		}
	}
	got := slices.Clone(k.Resources)
	slices.Sort(got)
	assert.Equal(t, want, got, "a manifest missing from kustomization.yaml is never applied")
}

func TestProbesAndPorts(t *testing.T) {
	t.Parallel()
	f := loadFleet(t)
	c := f.pod
	grpcPort := containerPortNamed(t, c, "grpc")
	metricsPort := containerPortNamed(t, c, "metrics")
	assert.Equal(t, grpcPort, portOf(t, flagValue(t, c.Args, "listen")), "--listen serves the grpc port")
	assert.Equal(t, metricsPort, portOf(t, flagValue(t, c.Args, "metrics-listen")), "--metrics-listen serves the metrics port")

	require.NotNil(t, c.ReadinessProbe, "readiness probe")
	require.NotNil(t, c.ReadinessProbe.GRPC, "readiness probe is a native gRPC probe")
	assert.Equal(t, grpcPort, c.ReadinessProbe.GRPC.Port)
	require.NotNil(t, c.ReadinessProbe.GRPC.Service, "readiness checks the service, not just the process")
	assert.Equal(t, server.ServiceName, *c.ReadinessProbe.GRPC.Service)

	require.NotNil(t, c.LivenessProbe, "liveness probe")
	require.NotNil(t, c.LivenessProbe.GRPC, "liveness probe is a native gRPC probe")
	assert.Equal(t, grpcPort, c.LivenessProbe.GRPC.Port)
	if s := c.LivenessProbe.GRPC.Service; s != nil {
		assert.Empty(t, *s, "liveness asks about the whole server")
	}

	// The server must be done before the kubelet kills it.
	shutdown, err := time.ParseDuration(flagValue(t, c.Args, "shutdown-timeout"))
	require.NoError(t, err)
	grace := time.Duration(f.dep.Spec.Template.Spec.TerminationGracePeriodSeconds) * time.Second
	assert.Less(t, shutdown, grace, "--shutdown-timeout below terminationGracePeriodSeconds")

	d := readDockerfile(t)
	for _, p := range []int{grpcPort, metricsPort} {
		assert.Contains(t, d.expose, p, "Dockerfile EXPOSEs port %d", p)
	}
}

func TestSecurity(t *testing.T) {
	t.Parallel()
	f := loadFleet(t)
	podSC, sc := f.dep.Spec.Template.Spec.SecurityContext, f.pod.SecurityContext
	for _, c := range []struct {
		name string
		v    *bool
		want bool
	}{
		{"pod runAsNonRoot", podSC.RunAsNonRoot, true},
		{"container runAsNonRoot", sc.RunAsNonRoot, true},
		{"readOnlyRootFilesystem", sc.ReadOnlyRootFilesystem, true},
		{"allowPrivilegeEscalation", sc.AllowPrivilegeEscalation, false},
	} {
		if assert.NotNil(t, c.v, c.name) {
			assert.Equal(t, c.want, *c.v, c.name)
		}
	}
	assert.Equal(t, []string{"ALL"}, sc.Capabilities.Drop)
	assert.Equal(t, "nonroot", readDockerfile(t).user, "the image runs as nonroot too")
}

func TestResources(t *testing.T) {
	t.Parallel()
	c := loadFleet(t).pod
	// The HPA's CPU utilisation is a share of the request: without one it
	// cannot scale.
	assert.NotEmpty(t, c.Resources["requests"]["cpu"], "cpu request")
	assert.NotEmpty(t, c.Resources["requests"]["memory"], "memory request")
	assert.NotEmpty(t, c.Resources["limits"]["memory"], "memory limit")
}

func TestImageIsTheDockerfileBinary(t *testing.T) {
	t.Parallel()
	f := loadFleet(t)
	d := readDockerfile(t)
	require.GreaterOrEqual(t, len(d.entrypoint), 2)
	bin := path.Base(d.entrypoint[0])
	assert.Equal(t, []string{"serve"}, d.entrypoint[1:], "the image runs the server")
	assert.Empty(t, f.pod.Command, "command would replace the image's entrypoint")

	repo := imageRepo(f.pod.Image)
	assert.Equal(t, bin, path.Base(repo), "image %q runs the Dockerfile's %s", f.pod.Image, d.entrypoint[0])
	for _, img := range f.kust.Images {
		assert.Equal(t, repo, img.Name, "kustomization images[] rewrites the deployment's image")
		if img.NewName != "" {
			assert.Equal(t, bin, path.Base(img.NewName))
		}
	}
}

// imageRepo strips the tag and digest off an image reference.
func imageRepo(image string) string {
	image, _, _ = strings.Cut(image, "@")
	if i := strings.LastIndex(image, ":"); i > strings.LastIndex(image, "/") {
		image = image[:i]
	}
	return image
}

func TestSelectors(t *testing.T) {
	t.Parallel()
	f := loadFleet(t)
	pods := f.dep.Spec.Template.Metadata.Labels
	grpcPort := containerPortNamed(t, f.pod, "grpc")

	assert.True(t, selects(f.dep.Spec.Selector.MatchLabels, pods), "the deployment selects its own pods")

	assert.Equal(t, "None", f.headless.Spec.ClusterIP, "headless: DNS returns the pod addresses")
	assert.True(t, selects(f.headless.Spec.Selector, pods), "the headless service selects the pods")
	// Clients dial pod addresses with the service's port.
	require.Len(t, f.headless.Spec.Ports, 1)
	assert.Equal(t, "grpc", f.headless.Spec.Ports[0].Name)
	assert.Equal(t, grpcPort, f.headless.Spec.Ports[0].Port, "headless port is the container port")

	assert.True(t, selects(f.svc.Spec.Selector, pods), "the service selects the pods")
	for _, s := range []service{f.headless, f.svc} {
		for _, p := range s.Spec.Ports {
			if n, err := strconv.Atoi(p.TargetPort); err == nil {
				assert.True(t, slices.ContainsFunc(f.pod.Ports, func(c containerPort) bool { return c.ContainerPort == n }),
					"%s port %s targets container port %d", s.Metadata.Name, p.Name, n)
				continue
			}
			containerPortNamed(t, f.pod, p.TargetPort)
		}
	}

	assert.True(t, selects(f.pdb.Spec.Selector.MatchLabels, pods), "the PDB selects the pods")
	assert.True(t, (f.pdb.Spec.MinAvailable == nil) != (f.pdb.Spec.MaxUnavailable == nil),
		"a PDB sets one of minAvailable and maxUnavailable")
}

func TestAutoscaler(t *testing.T) {
	t.Parallel()
	f := loadFleet(t)
	h := f.hpa
	assert.Equal(t, "autoscaling/v2", h.APIVersion)
	assert.Equal(t, "apps/v1", h.Spec.ScaleTargetRef.APIVersion)
	assert.Equal(t, "Deployment", h.Spec.ScaleTargetRef.Kind)
	assert.Equal(t, f.dep.Metadata.Name, h.Spec.ScaleTargetRef.Name, "the HPA scales the deployment")
	// With maxUnavailable 1, two replicas keep one serving through a drain.
	assert.GreaterOrEqual(t, h.Spec.MinReplicas, 2)
	assert.GreaterOrEqual(t, h.Spec.MaxReplicas, h.Spec.MinReplicas)
	require.Len(t, h.Spec.Metrics, 1)
	m := h.Spec.Metrics[0]
	assert.Equal(t, "Resource", m.Type)
	assert.Equal(t, "cpu", m.Resource.Name)
	assert.Equal(t, "Utilization", m.Resource.Target.Type)
	assert.Equal(t, 70, m.Resource.Target.AverageUtilization)
}

// TestFlagsExist fails when the deployment passes a flag `stancetag serve`
// does not define: the pod would exit at start with a usage error. Without
// building the binary, a flag counts as defined when its name is a string
// literal in the command's source, as every flag definition has it.
func TestFlagsExist(t *testing.T) {
	t.Parallel()
	c := loadFleet(t).pod
	src := commandSource(t)
	for _, a := range c.Args {
		require.True(t, strings.HasPrefix(a, "-"), "arg %q: serve takes no positional arguments", a)
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		assert.True(t, bytes.Contains(src, []byte(strconv.Quote(name))),
			"flag --%s is not defined in cmd/stancetag", name)
	}
}

// commandSource is the non-test Go source of cmd/stancetag, concatenated.
func commandSource(t *testing.T) []byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "cmd", "stancetag", "*.go"))
	require.NoError(t, err)
	var src []byte
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		src = append(src, b...)
	}
	require.NotEmpty(t, src, "no Go source in cmd/stancetag")
	return src
}

// dockerfile is what the tests read of the Dockerfile's final stage.
type dockerfile struct {
	entrypoint []string
	expose     []int
	user       string
}

// readDockerfile reads the repository's Dockerfile: instructions of the
// last stage only, ENTRYPOINT in its exec (JSON) form.
func readDockerfile(t *testing.T) dockerfile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "Dockerfile"))
	require.NoError(t, err)
	var d dockerfile
	for i, line := range strings.Split(string(b), "\n") {
		instr, rest, _ := strings.Cut(strings.TrimSpace(line), " ")
		rest = strings.TrimSpace(rest)
		switch strings.ToUpper(instr) {
		case "FROM":
			d = dockerfile{}
		case "ENTRYPOINT":
			require.NoError(t, json.Unmarshal([]byte(rest), &d.entrypoint), "Dockerfile:%d: ENTRYPOINT in exec form", i+1)
		case "EXPOSE":
			for _, f := range strings.Fields(rest) {
				p, err := strconv.Atoi(strings.TrimSuffix(f, "/tcp"))
				require.NoError(t, err, "Dockerfile:%d: EXPOSE %s", i+1, f)
				d.expose = append(d.expose, p)
			}
		case "USER":
			d.user = rest
		}
	}
	require.NotEmpty(t, d.entrypoint, "Dockerfile: no ENTRYPOINT in the final stage")
	return d
}
