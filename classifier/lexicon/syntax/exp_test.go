package syntax

import (
	"bytes"
	"encoding/gob"
	"os"
	"sort"
	"testing"
	"time"
)

func TestExpTrain(t *testing.T) {
	if os.Getenv("EXP") == "" {
		t.Skip()
	}
	f, _ := os.Open("/work/shared/ud/en_ewt-ud-train.conllu")
	train, err := ReadConllu(f)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := os.Open("/work/shared/ud/en_ewt-ud-dev.conllu")
	dev, _ := ReadConllu(g)
	cfg := DefaultTrainConfig
	cfg.Log = os.Stderr
	if os.Getenv("EPOCHS") != "" {
		var n int
		for _, c := range os.Getenv("EPOCHS") {
			n = n*10 + int(c-'0')
		}
		cfg.ParseEpochs = n
	}
	if b, err := os.ReadFile("/tmp/ptrain/tags.gob"); err == nil && os.Getenv("RETAG") == "" {
		var tags [][]UPOS
		gob.NewDecoder(bytesReader(b)).Decode(&tags)
		cfg.tags = tags
	}
	cfg.epochHook = func(ep int, m *Model) {
		if ep%3 != 0 && ep != cfg.ParseEpochs {
			return
		}
		st := time.Now()
		sc := Evaluate(m, dev)
		el := time.Since(st)
		if ep == cfg.ParseEpochs {
			g := evalGoldTags(m, dev)
			t.Logf("gold tags: UAS %.4f LAS %.4f", g.UASAcc(), g.LASAcc())
		}
		t.Logf("epoch %d dev UPOS %.4f UAS %.4f LAS %.4f LASfull %.4f  %.0f w/s", ep, sc.UPOSAcc(), sc.UASAcc(), sc.LASAcc(), sc.LASFullAcc(), float64(sc.Words)/el.Seconds())
	}
	var saved [][]UPOS
	cfg.saveTags = func(tags [][]UPOS) { saved = tags }
	m, err := Train(train, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.tags == nil {
		out, _ := os.Create("/tmp/ptrain/tags.gob")
		gob.NewEncoder(out).Encode(saved)
		out.Close()
	}
	out, _ := os.Create("/tmp/ptrain/model.bin")
	m.Save(out)
	out.Close()
}

func TestExpTagger(t *testing.T) {
	if os.Getenv("EXPTAG") == "" {
		t.Skip()
	}
	f, _ := os.Open("/work/shared/ud/en_ewt-ud-train.conllu")
	train, _ := ReadConllu(f)
	g, _ := os.Open("/work/shared/ud/en_ewt-ud-dev.conllu")
	dev, _ := ReadConllu(g)
	for _, ep := range []int{8, 12} {
		cfg := DefaultTrainConfig
		cfg.TagEpochs = ep
		t.Logf("tagger epochs %d: dev UPOS %.4f", ep, evalTagger(train, dev, cfg))
	}
}

func TestExpTagger2(t *testing.T) {
	if os.Getenv("EXPTAG2") == "" {
		t.Skip()
	}
	f, _ := os.Open("/work/shared/ud/en_ewt-ud-train.conllu")
	train, _ := ReadConllu(f)
	g, _ := os.Open("/work/shared/ud/en_ewt-ud-dev.conllu")
	dev, _ := ReadConllu(g)
	evalTagger2(train, dev, DefaultTrainConfig, t)
}

func TestExpErrors(t *testing.T) {
	if os.Getenv("EXPERR") == "" {
		t.Skip()
	}
	b, _ := os.ReadFile("/tmp/ptrain/model.bin")
	m, err := ReadModel(b, "model")
	if err != nil {
		t.Fatal(err)
	}
	g, _ := os.Open("/work/shared/ud/en_ewt-ud-dev.conllu")
	dev, _ := ReadConllu(g)
	e := errorsByRel(m, dev)
	type kv struct {
		k string
		v [2]int
	}
	var all []kv
	for k, v := range e {
		all = append(all, kv{k, v})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v[1] > all[j].v[1] })
	for _, x := range all[:20] {
		t.Logf("%-12s %5d words %5d head errors (%.1f%%)", x.k, x.v[0], x.v[1], 100*float64(x.v[1])/float64(x.v[0]))
	}
}

func TestExpEvalModel(t *testing.T) {
	if os.Getenv("EXPEVAL") == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(os.Getenv("EXPEVAL"))
	m, err := ReadModel(b, "model")
	if err != nil {
		t.Fatal(err)
	}
	g, _ := os.Open("/work/shared/ud/en_ewt-ud-dev.conllu")
	dev, _ := ReadConllu(g)
	sc := Evaluate(m, dev)
	t.Logf("dev UPOS %.4f UAS %.4f LAS %.4f LASfull %.4f", sc.UPOSAcc(), sc.UASAcc(), sc.LASAcc(), sc.LASFullAcc())
}

func TestExpPrune(t *testing.T) {
	if os.Getenv("EXPPRUNE") == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(os.Getenv("EXPPRUNE"))
	m, err := ReadModel(b, "model")
	if err != nil {
		t.Fatal(err)
	}
	g, _ := os.Open("/work/shared/ud/en_ewt-ud-dev.conllu")
	dev, _ := ReadConllu(g)
	for _, k := range []int16{256, 512, 1024, 2048} {
		pm := *m
		pm.tagger, pm.tagger2 = pruned(m.tagger, int(k)), pruned(m.tagger2, int(k))
		pm.moves, pm.rels = pruned(m.moves, int(k)), pruned(m.rels, int(k))
		var out bytes.Buffer
		pm.Save(&out)
		sc := Evaluate(&pm, dev)
		t.Logf("k=%d: %d bytes, rows %d/%d/%d/%d: UPOS %.4f UAS %.4f LAS %.4f", k, out.Len(), pm.tagger.rows, pm.tagger2.rows, pm.moves.rows, pm.rels.rows, sc.UPOSAcc(), sc.UASAcc(), sc.LASAcc())
	}
}
