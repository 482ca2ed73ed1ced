package newsgen

// The vocabulary below was written for this generator: real country, leader
// and organisation names (so the gazetteer finds them), fictional local
// actors (so statements also carry caller actors), and phrasing in the style
// of wire-service copy. No sentence comes from an evaluation set.

// entity is one actor the generator can mention.
type entity struct {
	// forms are the surface forms used to mention it; the first is the
	// canonical one. Forms may start with a lower-case "the": the sentence
	// start is capitalised afterwards.
	forms []string
	// person says whether "who" rather than "which" refers to it.
	person bool
	// caller is non-nil for actors the gazetteer does not know: they are
	// listed in the statement's actors.
	caller *Actor
}

func forms(f ...string) []string { return f }

// countries: name, government, capital used for its government, officials.
var countries = []entity{
	{forms: forms("France", "the French government", "Paris", "French officials")},
	{forms: forms("Germany", "the German government", "Berlin", "German officials")},
	{forms: forms("Russia", "the Russian government", "Moscow", "the Kremlin")},
	{forms: forms("Ukraine", "the Ukrainian government", "Kyiv", "Ukrainian officials")},
	{forms: forms("China", "the Chinese government", "Beijing", "Chinese diplomats")},
	{forms: forms("the United States", "the U.S. government", "Washington", "American officials")},
	{forms: forms("the United Kingdom", "Britain", "London", "British ministers")},
	{forms: forms("Japan", "the Japanese government", "Tokyo", "Japanese officials")},
	{forms: forms("India", "the Indian government", "New Delhi", "Indian diplomats")},
	{forms: forms("Brazil", "the Brazilian government", "Brasilia", "Brazilian officials")},
	{forms: forms("Turkey", "the Turkish government", "Ankara", "Turkish officials")},
	{forms: forms("Iran", "the Iranian government", "Tehran", "Iranian officials")},
	{forms: forms("Israel", "the Israeli government", "Israeli officials")},
	{forms: forms("Egypt", "the Egyptian government", "Cairo", "Egyptian mediators")},
	{forms: forms("Saudi Arabia", "the Saudi government", "Riyadh", "Saudi officials")},
	{forms: forms("Poland", "the Polish government", "Warsaw", "Polish ministers")},
	{forms: forms("Italy", "the Italian government", "Rome", "Italian officials")},
	{forms: forms("Spain", "the Spanish government", "Madrid", "Spanish officials")},
	{forms: forms("Canada", "the Canadian government", "Ottawa", "Canadian officials")},
	{forms: forms("Mexico", "the Mexican government", "Mexico City", "Mexican officials")},
	{forms: forms("South Africa", "the South African government", "Pretoria", "South African diplomats")},
	{forms: forms("Nigeria", "the Nigerian government", "Abuja", "Nigerian officials")},
	{forms: forms("Australia", "the Australian government", "Canberra", "Australian officials")},
	{forms: forms("South Korea", "the South Korean government", "Seoul", "South Korean officials")},
	{forms: forms("North Korea", "Pyongyang", "North Korean state media")},
	{forms: forms("Venezuela", "the Venezuelan government", "Caracas", "Venezuelan officials")},
	{forms: forms("Argentina", "the Argentine government", "Buenos Aires", "Argentine officials")},
	{forms: forms("Hungary", "the Hungarian government", "Budapest", "Hungarian ministers")},
	{forms: forms("Qatar", "the Qatari government", "Doha", "Qatari mediators")},
	{forms: forms("Pakistan", "the Pakistani government", "Islamabad", "Pakistani officials")},
	{forms: forms("Serbia", "the Serbian government", "Belgrade", "Serbian officials")},
	{forms: forms("Côte d'Ivoire", "Ivorian officials", "Abidjan")},
}

// leaders: heads of state and government and ministers, with the title
// forms news copy uses.
var leaders = []entity{
	{person: true, forms: forms("Emmanuel Macron", "President Emmanuel Macron", "Macron", "the French president")},
	{person: true, forms: forms("Friedrich Merz", "Chancellor Friedrich Merz", "Merz", "the German chancellor")},
	{person: true, forms: forms("Vladimir Putin", "President Vladimir Putin", "Putin", "the Russian president")},
	{person: true, forms: forms("Volodymyr Zelensky", "President Volodymyr Zelensky", "Zelensky", "the Ukrainian president")},
	{person: true, forms: forms("Xi Jinping", "President Xi Jinping", "Xi", "the Chinese leader")},
	{person: true, forms: forms("Donald Trump", "President Donald Trump", "Trump", "the U.S. president")},
	{person: true, forms: forms("Keir Starmer", "Prime Minister Keir Starmer", "Starmer", "the British prime minister")},
	{person: true, forms: forms("Narendra Modi", "Prime Minister Narendra Modi", "Modi", "the Indian prime minister")},
	{person: true, forms: forms("Luiz Inácio Lula da Silva", "President Lula", "Lula", "the Brazilian president")},
	{person: true, forms: forms("Recep Tayyip Erdoğan", "President Erdoğan", "Erdoğan", "the Turkish president")},
	{person: true, forms: forms("Benjamin Netanyahu", "Prime Minister Benjamin Netanyahu", "Netanyahu", "the Israeli prime minister")},
	{person: true, forms: forms("Giorgia Meloni", "Prime Minister Giorgia Meloni", "Meloni", "the Italian prime minister")},
	{person: true, forms: forms("Mark Carney", "Prime Minister Mark Carney", "Carney", "the Canadian prime minister")},
	{person: true, forms: forms("Viktor Orbán", "Prime Minister Viktor Orbán", "Orbán", "the Hungarian prime minister")},
	{person: true, forms: forms("Sergei Lavrov", "Foreign Minister Sergei Lavrov", "Lavrov", "the Russian foreign minister")},
	{person: true, forms: forms("Wang Yi", "Foreign Minister Wang Yi", "the Chinese foreign minister")},
	{person: true, forms: forms("Ursula von der Leyen", "Commission President Ursula von der Leyen", "von der Leyen")},
	{person: true, forms: forms("António Guterres", "Secretary-General António Guterres", "Guterres", "the UN chief")},
}

// organisations: international bodies and alliances.
var organisations = []entity{
	{forms: forms("NATO", "the North Atlantic alliance", "NATO allies")},
	{forms: forms("the European Union", "the EU", "Brussels", "EU leaders")},
	{forms: forms("the United Nations", "the UN", "UN officials")},
	{forms: forms("the UN Security Council", "the Security Council")},
	{forms: forms("the African Union", "the AU")},
	{forms: forms("the International Monetary Fund", "the IMF")},
	{forms: forms("the World Bank")},
	{forms: forms("the World Health Organization", "the WHO")},
	{forms: forms("ASEAN", "Southeast Asian leaders")},
	{forms: forms("OPEC", "the oil cartel")},
	{forms: forms("the European Commission", "the Commission")},
	{forms: forms("the International Criminal Court", "the ICC")},
}

// locals are actors no gazetteer knows: unions, parties, companies, local
// politicians. Statements mentioning them list them as caller actors, with
// the aliases used in the text.
var locals = []entity{
	local("local/northern-farmers-union", "Northern Farmers' Union", false, "the Northern Farmers' Union", "the farmers' union"),
	local("local/civic-renewal-party", "Civic Renewal Party", false, "the Civic Renewal Party", "Civic Renewal"),
	local("local/meridian-energy", "Meridian Energy Group", false, "Meridian Energy Group", "Meridian"),
	local("local/ana-ferreira", "Ana Ferreira", true, "Governor Ana Ferreira", "Ferreira"),
	local("local/port-workers-federation", "Port Workers' Federation", false, "the Port Workers' Federation", "the dockers' federation"),
	local("local/harbor-city-council", "Harbor City Council", false, "the Harbor City Council", "the city council"),
	local("local/marcus-hale", "Marcus Hale", true, "Senator Marcus Hale", "Hale"),
	local("local/greenline-rail", "Greenline Rail", false, "Greenline Rail", "the rail operator"),
	local("local/teachers-alliance", "National Teachers' Alliance", false, "the National Teachers' Alliance", "the teachers' alliance"),
	local("local/ilse-brandt", "Ilse Brandt", true, "Mayor Ilse Brandt", "Brandt"),
}

// local returns a caller actor named name, mentioned in the text by the
// first of forms (its name as written in running text, with "the" or a
// title) or the others, which are also its aliases.
func local(id, name string, person bool, forms ...string) entity {
	var aliases []string
	for _, f := range forms {
		if f != name && f != "the "+name {
			aliases = append(aliases, f)
		}
	}
	return entity{person: person, forms: forms, caller: &Actor{ID: id, Name: name, Aliases: aliases}}
}

// verb is a stance verb phrase; the target follows it directly.
type verb struct {
	base, past string
	// participle is "" when the phrase has no natural passive
	// ("voiced support for").
	participle string
	// why says whether a "for …" reason reads naturally after the target
	// ("praised X for …", "condemned X for …").
	why bool
}

// stance is the stance a verb expresses toward its target.
type stance int

const (
	support stance = iota
	oppose
	neutral
	numStances
)

var verbs = [numStances][]verb{
	support: {
		{"back", "backed", "backed", false},
		{"endorse", "endorsed", "endorsed", false},
		{"praise", "praised", "praised", true},
		{"welcome", "welcomed", "welcomed", false},
		{"defend", "defended", "defended", false},
		{"applaud", "applauded", "applauded", true},
		{"support", "supported", "supported", false},
		{"commend", "commended", "commended", true},
		{"thank", "thanked", "thanked", true},
		{"stand by", "stood by", "", false},
		{"voice support for", "voiced support for", "", false},
		{"pledge fresh military aid to", "pledged fresh military aid to", "", false},
		{"side with", "sided with", "", false},
		{"congratulate", "congratulated", "congratulated", false},
	},
	oppose: {
		{"condemn", "condemned", "condemned", true},
		{"criticise", "criticised", "criticised", true},
		{"criticize", "criticized", "criticized", true},
		{"denounce", "denounced", "denounced", true},
		{"sanction", "sanctioned", "sanctioned", true},
		{"reject the demands of", "rejected the demands of", "", false},
		{"rebuke", "rebuked", "rebuked", true},
		{"blame", "blamed", "blamed", true},
		{"threaten", "threatened", "threatened", false},
		{"slam", "slammed", "slammed", true},
		{"impose new sanctions on", "imposed new sanctions on", "", false},
		{"cut diplomatic ties with", "cut diplomatic ties with", "", false},
		{"lash out at", "lashed out at", "", true},
		{"accuse", "accused", "accused", false},
		{"oppose", "opposed", "opposed", false},
	},
	neutral: {
		{"meet with", "met with", "", false},
		{"hold talks with", "held talks with", "", false},
		{"speak by phone with", "spoke by phone with", "", false},
		{"host", "hosted", "hosted", false},
		{"visit", "visited", "visited", false},
		{"receive a delegation from", "received a delegation from", "", false},
		{"call", "called", "called", false},
	},
}

// context phrases fit any verb: where, when or amid what it happened.
var contexts = []string{
	"after two days of talks on trade and energy",
	"amid growing tension along the northern border",
	"following the collapse of a fragile ceasefire",
	"ahead of a summit on climate finance next month",
	"during a televised address to parliament",
	"at a crowded press conference in the capital",
	"on the sidelines of the G20 meeting",
	"as fighting intensified in the east",
	"in a sharply worded statement",
	"in a phone call that lasted more than an hour",
	"hours before the vote in the national assembly",
	"after a week of street protests",
	"as fuel prices rose for a third straight month",
	"while negotiators worked through the night",
	"in a speech marking the anniversary of the accord",
	"despite pressure from opposition lawmakers",
	"",
}

// reasons follow "for"; they go with verbs whose why is true.
var reasons = [numStances][]string{
	support: {
		"for helping to broker the prisoner exchange",
		"for sending emergency food aid to the flooded provinces",
		"for the steady handling of the crisis",
		"for agreeing to reopen the grain corridor",
		"for hosting the peace talks",
		"for the swift release of the detained journalists",
	},
	oppose: {
		"for failing to stop the violence",
		"for the arrest of opposition leaders",
		"for violating the terms of the truce",
		"for missile tests near disputed waters",
		"for blocking humanitarian convoys at the border",
		"for what officials called reckless interference in the election",
		"for the crackdown on independent media",
	},
}

// accusations follow "accused X of".
var accusations = []string{
	"of stoking unrest in the region",
	"of breaking the arms embargo",
	"of spreading disinformation about the vote",
	"of stalling the negotiations",
	"of funding armed groups in the north",
}

// quoteText are what a holder is quoted as saying about a target ({T}).
var quoteText = [numStances][]string{
	support: {
		"We stand firmly with {T} and will keep up our support",
		"{T} has shown real courage in the face of enormous pressure",
		"Our partnership with {T} has never been stronger",
		"We fully support the plan put forward by {T}",
	},
	oppose: {
		"{T} must be held accountable for these attacks",
		"The behaviour of {T} is unacceptable and dangerous",
		"We will not accept threats from {T}",
		"{T} has chosen escalation over dialogue, and that is a grave mistake",
	},
	neutral: {
		"We had a frank discussion with {T} about the road ahead",
		"Talks with {T} will continue next week",
		"We are studying the proposal from {T} carefully",
	},
}

// sources attribute a report.
var sources = []string{
	"officials said",
	"state media reported",
	"a government spokesperson said",
	"according to diplomats familiar with the talks",
	"two people briefed on the matter said",
	"the foreign ministry said in a statement",
}

// opening phrases put the event in time.
var openings = []string{
	"On Tuesday, ",
	"Late on Sunday, ",
	"Earlier this week, ",
	"In a statement released on Friday, ",
	"For the second time this month, ",
	"On Wednesday, ",
	"",
	"",
	"",
	"",
}

var days = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

var cities = []string{"Geneva", "Vienna", "Brussels", "Istanbul", "Doha", "Nairobi", "Singapore", "Oslo"}

// codaText are short follow-up sentences, added to some statements.
var codaText = []string{
	"Talks are due to resume next month.",
	"{T} did not immediately respond to a request for comment.",
	"The move drew a swift response from {T}.",
	"Markets barely reacted to the news.",
	"The two sides last met in {C} in the spring.",
	"Analysts said the decision could reshape the region's alliances.",
}
