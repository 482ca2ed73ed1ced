package actors

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stancetag/stancetag/classifier"
)

// realGazetteer loads the shipped data once for all tests.
var realGazetteer = sync.OnceValues(func() (*Gazetteer, error) {
	return LoadGazetteer(realFS())
})

func loadReal(tb testing.TB) (*Gazetteer, *Matcher) {
	tb.Helper()
	g, err := realGazetteer()
	require.NoError(tb, err)
	return g, realMatcher(g)
}

var realMatcherOnce sync.Once
var realMatcherValue *Matcher

func realMatcher(g *Gazetteer) *Matcher {
	realMatcherOnce.Do(func() { realMatcherValue = NewMatcher(g) })
	return realMatcherValue
}

// unMembers are the ISO 3166-1 alpha-3 codes of the 193 UN member states.
var unMembers = strings.Fields(`
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM
NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT
KOR ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV
UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE`)

func TestRealDataCountries(t *testing.T) {
	t.Parallel()
	g, _ := loadReal(t)
	require.Len(t, unMembers, 193)
	var members, observers []string
	for i, a := range g.Actors() {
		if a.Kind != classifier.KindCountry {
			continue
		}
		assert.True(t, validCountryID(a.ID), a.ID)
		switch g.entries[i].un {
		case "member":
			members = append(members, strings.TrimPrefix(a.ID, "country/"))
		case "observer":
			observers = append(observers, strings.TrimPrefix(a.ID, "country/"))
		}
	}
	want := slices.Clone(unMembers)
	slices.Sort(want)
	slices.Sort(members)
	assert.Equal(t, want, members, "the un=member countries are exactly the UN members")
	assert.Equal(t, []string{"PSE", "VAT"}, observers)
	for _, id := range []string{"country/TWN", "country/XKX"} {
		_, ok := g.Lookup(id)
		assert.True(t, ok, id)
	}
}

func TestRealDataSortedAndKinds(t *testing.T) {
	t.Parallel()
	g, _ := loadReal(t)
	actors := g.Actors()
	assert.True(t, slices.IsSortedFunc(actors, func(a, b classifier.Actor) int { return strings.Compare(a.ID, b.ID) }))
	for _, a := range actors {
		prefix, _, _ := strings.Cut(a.ID, "/")
		want := map[string][]classifier.ActorKind{
			"country": {classifier.KindCountry},
			"org":     {classifier.KindOrganization, classifier.KindGroup},
			"person":  {classifier.KindPerson},
		}[prefix]
		assert.Contains(t, want, a.Kind, a.ID)
		assert.NotEmpty(t, a.Name, a.ID)
	}
}

// TestRealDataG20 checks that the head of government (and of state where
// it is a different person) and the foreign minister of every G20 member
// are present, affiliated with their country.
func TestRealDataG20(t *testing.T) {
	t.Parallel()
	g, _ := loadReal(t)
	tests := []struct {
		member string
		people []string
	}{
		{"country/ARG", []string{"person/javier-milei", "person/pablo-quirno"}},
		{"country/AUS", []string{"person/anthony-albanese", "person/penny-wong"}},
		{"country/BRA", []string{"person/lula-da-silva", "person/mauro-vieira"}},
		{"country/CAN", []string{"person/mark-carney", "person/anita-anand"}},
		{"country/CHN", []string{"person/xi-jinping", "person/li-qiang", "person/wang-yi"}},
		{"country/FRA", []string{"person/emmanuel-macron", "person/sebastien-lecornu", "person/jean-noel-barrot"}},
		{"country/DEU", []string{"person/friedrich-merz", "person/frank-walter-steinmeier", "person/johann-wadephul"}},
		{"country/IND", []string{"person/narendra-modi", "person/droupadi-murmu", "person/subrahmanyam-jaishankar"}},
		{"country/IDN", []string{"person/prabowo-subianto", "person/sugiono"}},
		{"country/ITA", []string{"person/giorgia-meloni", "person/sergio-mattarella", "person/antonio-tajani"}},
		{"country/JPN", []string{"person/sanae-takaichi", "person/toshimitsu-motegi"}},
		{"country/MEX", []string{"person/claudia-sheinbaum", "person/juan-ramon-de-la-fuente"}},
		{"country/RUS", []string{"person/vladimir-putin", "person/mikhail-mishustin", "person/sergei-lavrov"}},
		{"country/SAU", []string{"person/king-salman", "person/mohammed-bin-salman", "person/faisal-bin-farhan"}},
		{"country/ZAF", []string{"person/cyril-ramaphosa", "person/ronald-lamola"}},
		{"country/KOR", []string{"person/lee-jae-myung", "person/kim-min-seok", "person/cho-hyun"}},
		{"country/TUR", []string{"person/recep-tayyip-erdogan", "person/hakan-fidan"}},
		{"country/GBR", []string{"person/keir-starmer", "person/king-charles-iii", "person/yvette-cooper"}},
		{"country/USA", []string{"person/donald-trump", "person/jd-vance", "person/marco-rubio"}},
		{"org/eu", []string{"person/ursula-von-der-leyen", "person/antonio-costa", "person/kaja-kallas"}},
	}
	for _, tt := range tests {
		for _, id := range tt.people {
			i, ok := g.Lookup(id)
			if !assert.True(t, ok, "%s of %s", id, tt.member) {
				continue
			}
			e := g.Entry(i)
			assert.Equal(t, classifier.KindPerson, e.Kind, id)
			assert.Equal(t, tt.member, e.Affiliation, id)
			assert.NotEmpty(t, e.Role, id)
		}
	}
}

// Names of the actors of the brief's examples resolve through the matcher,
// so the data and the matching rules agree.
func TestRealDataSurfaceForms(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text, want string
	}{
		{"Russia", "country/RUS"},
		{"the Russian Federation", "country/RUS"},
		{"the Kremlin", "country/RUS"},
		{"United States of America", "country/USA"},
		{"the U.S.", "country/USA"},
		{"the USA", "country/USA"},
		{"the UK", "country/GBR"},
		{"Great Britain", "country/GBR"},
		{"Downing Street", "country/GBR"},
		{"the Élysée", "country/FRA"},
		{"Kiev", "country/UKR"},
		{"Türkiye", "country/TUR"},
		{"Brussels", "org/eu"},
		{"the UN", "org/un"},
		{"United Nations General Assembly", "org/un-general-assembly"},
		{"the Pentagon", "org/pentagon"},
		{"OPEC+", "org/opec-plus"},
		{"ISIL", "org/islamic-state"},
		{"the Houthis", "org/houthis"},
		{"Vladimir Vladimirovich Putin", "person/vladimir-putin"},
		{"Zelenskyy", "person/volodymyr-zelensky"},
		{"Wang Yi", "person/wang-yi"},
		{"Steve Witkoff", "person/steve-witkoff"},
		{"Peskov", "person/dmitry-peskov"},
		{"Yuri Ushakov", "person/yuri-ushakov"},
		{"Kirill Dmitriev", "person/kirill-dmitriev"},
		{"Mark Rutte", "person/mark-rutte"},
		{"Antonio Guterres", "person/antonio-guterres"},
		{"Kaja Kallas", "person/kaja-kallas"},
		{"Andrii Sybiha", "person/andrii-sybiha"},
	}
	_, m := loadReal(t)
	for _, tt := range tests {
		got := matchIDs(m, tt.text, nil, Options{})
		assert.Equal(t, []string{tt.want}, got, tt.text)
	}
}

func realFS() fs.FS { return os.DirFS("../data") }

// TestRealDataPrivatePhrases: a demonym before a phrase of private.tsv
// names private people, not the state; officials stay the state's.
func TestRealDataPrivatePhrases(t *testing.T) {
	t.Parallel()
	_, m := loadReal(t)
	for text, want := range map[string][]string{
		"persecuting Russian speakers":     nil,
		"Hungarian minorities in Serbia":   {"country/SRB"},
		"Turkish voters went to the polls": nil,
		"Russian officials met":            {"country/RUS"},
	} {
		got := matchIDs(m, text, nil, Options{})
		if want == nil {
			assert.Empty(t, got, text)
		} else {
			assert.Equal(t, want, got, text)
		}
	}
}
