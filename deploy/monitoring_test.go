package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
	"google.golang.org/grpc"

	stancev1 "github.com/stancetag/stancetag/gen/stance/v1"
	"github.com/stancetag/stancetag/observe"
)

const (
	rulesFile     = "prometheus/stancetag.rules.yaml"
	rulesTestFile = "prometheus/stancetag.rules.test.yaml"
	dashboardFile = "grafana/stancetag.json"
)

// exportedMetrics returns the names of the metric families a server with
// --metrics-listen exports, histograms as their series names (_bucket, _sum,
// _count), from the same registry and metrics cmd/stancetag builds.
func exportedMetrics(t *testing.T) map[string]bool {
	t.Helper()
	reg := observe.NewRegistry()
	m, err := observe.NewMetrics(reg)
	require.NoError(t, err)
	m.SetLexicon(map[string]int{"sentiment": 1}, time.Millisecond)
	m.SetBuildInfo("test", "lexicon/test")
	srv := grpc.NewServer(m.ServerOptions()...)
	stancev1.RegisterStanceServiceServer(srv, stancev1.UnimplementedStanceServiceServer{})
	m.InitializeMetrics(srv)
	families, err := reg.Gather()
	require.NoError(t, err)
	names := map[string]bool{}
	for _, f := range families {
		names[f.GetName()] = true
		if f.GetType().String() == "HISTOGRAM" {
			for _, s := range []string{"_bucket", "_sum", "_count"} {
				names[f.GetName()+s] = true
			}
		}
	}
	return names
}

// metricName finds the metric names in a PromQL expression: the words with
// the prefixes our metrics have, never a label name or function.
var metricName = regexp.MustCompile(`\b(?:grpc_server|stancetag|process|go)_[a-z_]+\b`)

// alertRule is one rule of a Prometheus rule file.
type alertRule struct {
	Alert       string            `yaml:"alert"`
	Expr        string            `yaml:"expr"`
	For         string            `yaml:"for"`
	Labels      map[string]string `yaml:"labels"`
	Annotations map[string]string `yaml:"annotations"`
}

func loadRules(t *testing.T) []alertRule {
	t.Helper()
	b, err := os.ReadFile(rulesFile)
	require.NoError(t, err)
	var f struct {
		Groups []struct {
			Name  string      `yaml:"name"`
			Rules []alertRule `yaml:"rules"`
		} `yaml:"groups"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	require.NoError(t, dec.Decode(&f))
	var rules []alertRule
	for _, g := range f.Groups {
		rules = append(rules, g.Rules...)
	}
	require.NotEmpty(t, rules)
	return rules
}

// dashboard is the part of a Grafana dashboard the tests read.
type dashboard struct {
	UID        string  `json:"uid"`
	Title      string  `json:"title"`
	Panels     []panel `json:"panels"`
	Templating struct {
		List []struct {
			Name  string `json:"name"`
			Type  string `json:"type"`
			Query any    `json:"query"`
		} `json:"list"`
	} `json:"templating"`
}

type panel struct {
	ID         int    `json:"id"`
	Type       string `json:"type"`
	Title      string `json:"title"`
	Datasource *struct {
		Type string `json:"type"`
		UID  string `json:"uid"`
	} `json:"datasource"`
	Targets []struct {
		Expr  string `json:"expr"`
		RefID string `json:"refId"`
	} `json:"targets"`
}

func loadDashboard(t *testing.T) dashboard {
	t.Helper()
	b, err := os.ReadFile(dashboardFile)
	require.NoError(t, err)
	var d dashboard
	require.NoError(t, json.Unmarshal(b, &d))
	return d
}

// dashboardExprs returns every query of the dashboard (panels and
// variables), keyed by where it is.
func dashboardExprs(d dashboard) map[string]string {
	exprs := map[string]string{}
	for _, p := range d.Panels {
		for _, tg := range p.Targets {
			exprs[fmt.Sprintf("panel %d %q target %s", p.ID, p.Title, tg.RefID)] = tg.Expr
		}
	}
	for _, v := range d.Templating.List {
		if q, ok := v.Query.(map[string]any); ok && v.Type == "query" {
			exprs["variable "+v.Name], _ = q["query"].(string)
		}
	}
	return exprs
}

func TestMonitoringUsesExportedMetrics(t *testing.T) {
	t.Parallel()
	exported := exportedMetrics(t)
	for _, name := range []string{"grpc_server_handled_total", "grpc_server_handling_seconds_bucket", "stancetag_statements_analyzed_total", "stancetag_build_info"} {
		require.True(t, exported[name], "the registry exports %s: exportedMetrics is broken", name)
	}
	exprs := dashboardExprs(loadDashboard(t))
	for _, r := range loadRules(t) {
		exprs["alert "+r.Alert] = r.Expr
	}
	for where, expr := range exprs {
		names := metricName.FindAllString(expr, -1)
		assert.NotEmpty(t, names, "%s reads no metric of ours: %s", where, expr)
		for _, n := range names {
			assert.True(t, exported[n], "%s reads %s, which the server does not export", where, n)
		}
	}
}

func TestAlertRules(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(rulesTestFile)
	require.NoError(t, err)
	tests := string(b)
	seen := map[string]bool{}
	for _, r := range loadRules(t) {
		require.NotEmpty(t, r.Alert, "only alerting rules: %q", r.Expr)
		assert.False(t, seen[r.Alert], "alert %s defined twice", r.Alert)
		seen[r.Alert] = true
		assert.Contains(t, []string{"critical", "warning"}, r.Labels["severity"], "alert %s: severity", r.Alert)
		assert.NotEmpty(t, r.Annotations["summary"], "alert %s: summary", r.Alert)
		assert.NotEmpty(t, r.Annotations["description"], "alert %s: description", r.Alert)
		// Firing and quiet cases both, in the promtool test file.
		assert.GreaterOrEqual(t, strings.Count(tests, "alertname: "+r.Alert+"\n")+strings.Count(tests, "alertname: "+r.Alert+","), 2,
			"alert %s needs a firing and a quiet case in %s", r.Alert, rulesTestFile)
	}
}

func TestDashboard(t *testing.T) {
	t.Parallel()
	d := loadDashboard(t)
	assert.NotEmpty(t, d.UID, "a fixed uid keeps links stable across imports")
	var ids []int
	for _, p := range d.Panels {
		assert.NotContains(t, ids, p.ID, "panel %q: ids are unique", p.Title)
		ids = append(ids, p.ID)
		if p.Type == "row" {
			continue
		}
		assert.NotEmpty(t, p.Targets, "panel %q has no query", p.Title)
		if assert.NotNil(t, p.Datasource, "panel %q: datasource", p.Title) {
			assert.Equal(t, "${datasource}", p.Datasource.UID, "panel %q: the dashboard's data source variable, not one instance's uid", p.Title)
		}
	}
	assert.True(t, slices.ContainsFunc(d.Templating.List, func(v struct {
		Name  string `json:"name"`
		Type  string `json:"type"`
		Query any    `json:"query"`
	}) bool {
		return v.Name == "datasource" && v.Type == "datasource"
	}), "a datasource variable")
}

// TestDashboardQueriesParse has promtool parse every query of the dashboard,
// given as recording rules with Grafana's variables filled in. It needs
// promtool: PROMTOOL names it (make rules-test sets it); without, it skips.
func TestDashboardQueriesParse(t *testing.T) {
	t.Parallel()
	promtool := os.Getenv("PROMTOOL")
	if promtool == "" {
		t.Skip("PROMTOOL not set (make rules-test sets it)")
	}
	exprs := dashboardExprs(loadDashboard(t))
	fill := strings.NewReplacer("$__rate_interval", "5m", "$job", ".*", "$instance", ".*")
	type rule struct {
		Record string `yaml:"record"`
		Expr   string `yaml:"expr"`
	}
	var rules []rule
	keys := make([]string, 0, len(exprs))
	for k := range exprs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		expr := fill.Replace(exprs[k])
		if v, ok := strings.CutPrefix(expr, "label_values("); ok { // a variable: its series selector
			sel, _, _ := strings.Cut(v, ",")
			expr = sel
		}
		require.NotContains(t, expr, "$", "%s: a variable the test does not fill in", k)
		rules = append(rules, rule{Record: fmt.Sprintf("dashboard:query%d", i), Expr: expr})
	}
	b, err := yaml.Marshal(map[string]any{"groups": []any{map[string]any{"name": "dashboard", "rules": rules}}})
	require.NoError(t, err)
	f := filepath.Join(t.TempDir(), "dashboard.rules.yaml")
	require.NoError(t, os.WriteFile(f, b, 0o600))
	out, err := exec.Command(promtool, "check", "rules", f).CombinedOutput()
	require.NoError(t, err, "promtool check rules:\n%s\n%s", out, b)
	t.Logf("%s", out)
}
