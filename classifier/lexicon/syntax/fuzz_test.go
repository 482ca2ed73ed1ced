package syntax

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

var (
	fuzzOnce  sync.Once
	fuzzModel *Model
	fuzzBytes []byte
)

func fuzzSetup(t testing.TB) {
	fuzzOnce.Do(func() {
		fuzzModel = tinyModel(t)
		var b bytes.Buffer
		if err := fuzzModel.Save(&b); err != nil {
			t.Fatal(err)
		}
		fuzzBytes = b.Bytes()
	})
}

// FuzzParse: any words give a tree with one root and no cycle.
func FuzzParse(f *testing.F) {
	f.Add("France condemned Germany .")
	f.Add("")
	f.Add("\xff \xfe\xfd ’’ 1990 U.S.")
	f.Fuzz(func(t *testing.T, s string) {
		fuzzSetup(t)
		words := strings.Fields(s)
		var tr Tree
		fuzzModel.NewParser().Parse(words, &tr)
		roots := 0
		for i, h := range tr.Heads {
			if h == -1 {
				roots++
				continue
			}
			if h < 0 || int(h) >= len(words) || int(h) == i {
				t.Fatalf("word %d: head %d", i, h)
			}
			k, steps := int32(i), 0
			for k != -1 && steps <= len(words) {
				k, steps = tr.Heads[k], steps+1
			}
			if k != -1 {
				t.Fatalf("word %d is on a cycle", i)
			}
		}
		if len(words) > 0 && roots != 1 {
			t.Fatalf("%d roots", roots)
		}
	})
}

// FuzzReadModel: damaged model files are refused with an error, never a
// panic or a huge allocation.
func FuzzReadModel(f *testing.F) {
	fuzzSetup(f)
	f.Add(fuzzBytes)
	f.Add(fuzzBytes[:len(fuzzBytes)/2])
	f.Add([]byte(Magic + "\nbody 0 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ReadModel(b, "fuzz.model")
		if err != nil {
			return
		}
		var tr Tree
		m.NewParser().Parse([]string{"a", "b", "."}, &tr)
	})
}

// FuzzReadConllu: any input is read or refused with a line number; what is
// read writes back and reads again to the same sentences.
func FuzzReadConllu(f *testing.F) {
	f.Add(tinyConllu)
	f.Add("1-2\tdon't\n1\tdo\n2\tn't\t_\t_\t_\t_\t1\n\n")
	f.Add("\ufeff# x\r\n1\ta\r\n")
	f.Fuzz(func(t *testing.T, s string) {
		sents, err := ReadConllu(strings.NewReader(s))
		if err != nil {
			return
		}
		var b bytes.Buffer
		for i := range sents {
			if err := WriteConllu(&b, &sents[i]); err != nil {
				t.Fatal(err)
			}
		}
		again, err := ReadConllu(&b)
		if err != nil {
			t.Fatalf("written CoNLL-U does not read back: %v\n%s", err, b.String())
		}
		if len(again) != len(sents) {
			t.Fatalf("%d sentences read back, %d written", len(again), len(sents))
		}
	})
}
