package syntax

import (
	"os"
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
	m, err := Train(train, cfg)
	if err != nil {
		t.Fatal(err)
	}
	st := time.Now()
	sc := Evaluate(m, dev)
	el := time.Since(st)
	t.Logf("dev UPOS %.4f UAS %.4f LAS %.4f LASfull %.4f  %d words in %s (%.0f w/s)", sc.UPOSAcc(), sc.UASAcc(), sc.LASAcc(), sc.LASFullAcc(), sc.Words, el, float64(sc.Words)/el.Seconds())
	out, _ := os.Create("/tmp/ptrain/model.bin")
	m.Save(out)
	out.Close()
}
