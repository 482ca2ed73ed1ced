package deploy

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

// kinds maps the apiVersion and kind of every object the manifests may hold
// to a new value of its Go type in k8s.io/api.
var kinds = map[metav1.TypeMeta]func() any{
	{APIVersion: "apps/v1", Kind: "Deployment"}:                     func() any { return &appsv1.Deployment{} },
	{APIVersion: "v1", Kind: "Service"}:                             func() any { return &corev1.Service{} },
	{APIVersion: "autoscaling/v2", Kind: "HorizontalPodAutoscaler"}: func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	{APIVersion: "policy/v1", Kind: "PodDisruptionBudget"}:          func() any { return &policyv1.PodDisruptionBudget{} },
}

// kustomizationFile is kustomization.yaml's schema, as far as we use it
// (kustomize's own types would pull in kustomize): decoded strictly too.
type kustomizationFile struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Resources  []string `json:"resources"`
	Images     []struct {
		Name    string `json:"name"`
		NewName string `json:"newName,omitempty"`
		NewTag  string `json:"newTag,omitempty"`
		Digest  string `json:"digest,omitempty"`
	} `json:"images"`
}

// decodeStrict decodes one Kubernetes object into its k8s.io/api type and
// fails on a field the type does not have (a misspelling), a field given
// twice, a value of the wrong type, or an apiVersion and kind it does not
// know. It checks the schema, not the API server's validation (required
// fields, ranges).
func decodeStrict(b []byte) (any, error) {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(b, &tm); err != nil {
		return nil, err
	}
	if tm == (metav1.TypeMeta{APIVersion: "kustomize.config.k8s.io/v1beta1", Kind: "Kustomization"}) {
		k := &kustomizationFile{}
		return k, yaml.UnmarshalStrict(b, k)
	}
	newObj, ok := kinds[tm]
	if !ok {
		return nil, fmt.Errorf("unknown apiVersion %q kind %q", tm.APIVersion, tm.Kind)
	}
	obj := newObj()
	return obj, yaml.UnmarshalStrict(b, obj)
}

func TestManifestsDecodeStrictly(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join(manifests, "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			require.NotContains(t, string(b), "\n---", "one object per file")
			obj, err := decodeStrict(b)
			require.NoError(t, err)
			if o, ok := obj.(metav1.Object); ok {
				assert.NotEmpty(t, o.GetName(), "metadata.name")
			}
		})
	}
}

func TestManifestsDecodeStrictlyTyped(t *testing.T) {
	t.Parallel()
	// The typed view sees what the loose structs of manifests_test.go do not.
	b, err := os.ReadFile(filepath.Join(manifests, "deployment.yaml"))
	require.NoError(t, err)
	obj, err := decodeStrict(b)
	require.NoError(t, err)
	dep := obj.(*appsv1.Deployment)
	c := dep.Spec.Template.Spec.Containers[0]
	assert.Equal(t, corev1.ProtocolTCP, c.Ports[0].Protocol)
	assert.Equal(t, "500m", c.Resources.Requests.Cpu().String())
	assert.Equal(t, int64(512<<20), c.Resources.Limits.Memory().Value())
	require.NotNil(t, dep.Spec.Strategy.RollingUpdate)
	assert.Equal(t, 0, dep.Spec.Strategy.RollingUpdate.MaxUnavailable.IntValue(), "capacity never drops in a rollout")
}

// TestDecodeStrictRejects is the negative test: each mistake a loose decoder
// lets through fails.
func TestDecodeStrictRejects(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join(manifests, "deployment.yaml"))
	require.NoError(t, err)
	deployment := string(b)
	require.Contains(t, deployment, "containerPort: 50051")
	require.Contains(t, deployment, "  replicas: 3\n")

	for _, c := range []struct {
		name, doc, wantErr string
	}{
		{
			name:    "misspelled field",
			doc:     strings.Replace(deployment, "containerPort: 50051", "contianerPort: 50051", 1),
			wantErr: `unknown field "contianerPort"`,
		},
		{
			name:    "field at the wrong level",
			doc:     strings.Replace(deployment, "  replicas: 3\n", "  replicas: 3\n  minReadySecond: 5\n", 1),
			wantErr: `unknown field "minReadySecond"`,
		},
		{
			name:    "field given twice",
			doc:     strings.Replace(deployment, "  replicas: 3\n", "  replicas: 3\n  replicas: 4\n", 1),
			wantErr: `"replicas" already set`,
		},
		{
			name:    "wrong type",
			doc:     strings.Replace(deployment, "  replicas: 3\n", "  replicas: three\n", 1),
			wantErr: "replicas",
		},
		{
			name:    "unknown kind",
			doc:     "apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n",
			wantErr: `unknown apiVersion "apps/v1" kind "Deploymnet"`,
		},
		{
			name:    "kind under an old apiVersion",
			doc:     "apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: x\n",
			wantErr: "unknown apiVersion",
		},
		{
			name:    "misspelled kustomization field",
			doc:     "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresource:\n  - deployment.yaml\n",
			wantErr: `unknown field "resource"`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := decodeStrict([]byte(c.doc))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.wantErr)
		})
	}
}
