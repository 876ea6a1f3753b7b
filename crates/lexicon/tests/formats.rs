//! What the readers make of each construct.

mod common;
use common::fixture;
use herald_lexicon::*;

fn load(names: &[&str]) -> LoadReport {
    Lexicon::load(&names.iter().map(|n| fixture(n)).collect::<Vec<_>>()).unwrap()
}

fn d(s: &str) -> Option<Date> {
    Some(Date::parse_iso(s).unwrap())
}

#[test]
fn petrarch_actors_dated_codes_and_synonyms() {
    let lex = load(&["mini.actors.txt"]).lexicon;
    let n = lex.actor(lex.find_actor("Netanyahu").unwrap());
    assert_eq!(n.name, "BENJAMIN_NETANYAHU_");
    assert_eq!(n.code_on(d("1997-01-01")), ["ISRGOV"]);
    assert_eq!(n.code_on(d("1996-06-18")), ["ISRELI"], "first listed wins on a shared boundary day");
    assert_eq!(n.code_on(d("2005-01-01")), ["ISRELI"]);
    assert_eq!(n.code_on(d("2025-07-25")), ["ISRGOV"]);
    let g = lex.actor(lex.find_actor("GOLLUM").unwrap());
    assert_eq!(g.code_on(d("1999-08-15")), ["HOBGOV"]);
    assert_eq!(g.code_on(d("1995-06-01")), ["HOBGOV"]);
    assert_eq!(g.code_on(d("1990-01-01")), ["HOB"]);
    let l = lex.actor(lex.find_actor("lorien").unwrap());
    assert_eq!(l.code_on(None), ["ELR", "GAL"]);
    let c = lex.actor(lex.find_actor("Javier de Cuellar").unwrap());
    assert_eq!(c.code_on(d("1985-01-01")), ["IGOUNO"]);
    assert_eq!(c.code_on(d("1995-01-01")), ["ELI"]);
    assert_eq!(lex.actor(lex.find_actor("palestinian").unwrap()).code_on(None), ["PSE"]);
    assert!(lex.find_actor("Islamic Resistance Movement").is_some());
}

#[test]
fn acronyms_after_a_name_are_dropped_and_states_found_by_code() {
    let lex = load(&["states.actors.txt"]).lexicon;
    let r = lex.find_actor("Rangers of the North").expect("name without its acronym");
    assert_eq!(lex.actor(r).code_on(None), ["ARNREB"]);
    assert_eq!(lex.find_actor("Dunedain Rangers"), Some(r), "a synonym's acronym too");
    assert!(lex.find_actor("Congo").is_none(), "a parenthesis that is not an acronym of the name stays");
    let arnor = lex.state_entry("ARN").expect("ARNOR is coded ARN");
    assert_eq!(lex.actor(arnor).name, "ARNOR_");
    assert_eq!(lex.state_entry("ARNREB"), None, "not a state code");
    assert_eq!(lex.state_entry("GDR"), None, "a state with dated codes is not named by one code");
}

#[test]
fn agents_substitutions_plurals_and_placement() {
    let lex = load(&["mini.agents.txt"]).lexicon;
    assert_eq!(lex.agent_match("congresswoman").unwrap().code, "LEG");
    assert_eq!(lex.agent_match("special envoys").unwrap().code, "GOV");
    assert_eq!(lex.agent_match("attorneys general").unwrap().code, "GOV");
    assert!(lex.agent_match("polices").is_none(), "`{{}}` suppresses the plural");
    assert_eq!(lex.agent_match("human rights body").unwrap().placement, AgentPlacement::Before);
    let m = lex.match_agents(&["the", "U.S.", "special", "envoy", "said"]);
    assert_eq!((m[0].start, m[0].end), (2, 4));
}

#[test]
fn verb_blocks_patterns_synsets() {
    let lex = load(&["mini.verbs.txt"]).lexicon;
    let h = lex.verb("consented").unwrap();
    assert_eq!((h.verb.lemma.as_str(), h.code()), ("CONSENT", "030"));
    assert_eq!(lex.verb("agreed").unwrap().verb.lemma, "AGREE");
    assert_eq!(lex.verb("agreeing").unwrap().verb.lemma, "AGREE");
    let s = lex.verb("sign").unwrap();
    assert_eq!((s.code(), s.verb.after.as_slice()), ("031", ["UP".to_string()].as_slice()));
    let pats = lex.verb_patterns("agree");
    assert_eq!(pats.len(), 3);
    assert_eq!(pats[0].code, "0356");
    assert_eq!(pats[0].elems, vec![PatternElem::Verb, PatternElem::PrepPhrase(vec![PatternElem::Word("TO".into()), PatternElem::SynSet("CEASEFIRE".into())])]);
    assert_eq!(pats[1].code2.as_deref(), Some("037"));
    assert!(pats[1].elems.contains(&PatternElem::Source) && pats[1].elems.contains(&PatternElem::NounPhrase(vec![PatternElem::Word("PEACE".into()), PatternElem::Word("PLAN".into())])));
    assert_eq!(pats[2].elems, vec![PatternElem::Compound, PatternElem::Verb, PatternElem::Skip]);
    assert_eq!(lex.verb("host").unwrap().code(), "043:042");
    assert_eq!(lex.synset("&CEASEFIRE").unwrap().phrases, ["TRUCE", "CEASE_FIRE"]);
    assert!(lex.synset("AUXVERB3").unwrap().no_plurals);
    assert_eq!(lex.transformations.len(), 1);
    assert!(lex.verb_patterns("unknownverb").is_empty());
    // PETRARCH-1: flat patterns, `_`-joined synonym sets.
    let lex = load(&["mini.petr1.verbs.txt"]).lexicon;
    assert_eq!(lex.verb_patterns("abandon").len(), 2);
    assert_eq!(lex.verb("express").unwrap().code(), "0110");
}

#[test]
fn petrarch1_verb_joins_several_header_codes_and_nested_synsets() {
    // The forms of PETRARCH's own test dictionary.
    let text = "&TIETYPES\n+ECONOMIC\n\n&ACCORDSYN\n+&TIETYPES\n+CLOSER\n\n--- DELAY [120]  [031:031]  ---\nDELAY\nPOSTPONE\n- % HAVE  *  [191]\n\n--- BLOW  [---] ---\nBLOW\n- *_UP  [202]\n- FAILED_TO_*  [---]\n- WOULD_*_TALKS  [102]\n";
    let r = Lexicon::from_sources(&[("t.verbs.txt".into(), SourceFormat::Verbs, text.as_bytes().to_vec())]);
    assert_eq!(r.errors(), 0, "{:?}", r.findings);
    let lex = r.lexicon;
    assert_eq!(lex.verb("postponed").unwrap().code(), "120");
    assert_eq!(lex.verb_patterns("delay").len(), 1);
    let blow = lex.verb_patterns("blow");
    assert_eq!(blow.len(), 3);
    assert_eq!(blow[0].elems, vec![PatternElem::Verb, PatternElem::Word("UP".into())]);
    assert_eq!(blow[1].elems, vec![PatternElem::Word("FAILED".into()), PatternElem::Word("TO".into()), PatternElem::Verb]);
    assert_eq!(blow[2].elems, vec![PatternElem::Word("WOULD".into()), PatternElem::Verb, PatternElem::Word("TALKS".into())]);
    assert_eq!(lex.synset("&ACCORDSYN").unwrap().phrases, ["&TIETYPES", "CLOSER"]);
    // A malformed code is still an error.
    let bad = Lexicon::from_sources(&[("t.verbs.txt".into(), SourceFormat::Verbs, b"--- SEAL [+++] ---\nSEAL\n".to_vec())]);
    assert!(bad.errors() >= 1, "{:?}", bad.findings);
}

#[test]
fn discards_issues_prepositions_labels_plover() {
    let lex = load(&["mini.discards.txt", "mini.issues.txt", "mini.prepositions.txt", "mini_codefile.txt", "mini.plover.txt"]).lexicon;
    assert!(!lex.discard_match(&["the", "World", "Cup", "final"]).unwrap().story);
    assert!(lex.discard_match(&["an", "Academy", "Awards", "night"]).unwrap().story, "no `_`: a stem");
    assert!(lex.discard_match(&["baseballs"]).is_none(), "`_`: whole word");
    assert!(lex.discard_match(&["baseball"]).is_some());
    let m = lex.issue_matches(&["a", "cease-fire", "and", "ceasefires"]);
    assert_eq!(m.len(), 2);
    assert_eq!(lex.issue(m[0].entry).code, "CEASEFIRE");
    assert_eq!(lex.issue(lex.issue_matches(&["they", "negotiated"])[0].entry).code, "TALKS");
    assert!(lex.issue_matches(&["the", "ceasefire", "anniversary"]).is_empty(), "ignore phrase cancels");
    assert_eq!(lex.prepositions, ["about", "against", "with"]);
    assert_eq!(lex.cameo_label("030"), Some("Express intent to cooperate"));
    assert_eq!(lex.cameo_label("0356"), Some("Express intent to de-escalate military engagement"));
    let p = lex.plover("0356").unwrap();
    assert_eq!((p.event_type.as_str(), p.mode.as_str(), p.context.as_slice()), ("AGREE", "", ["military".to_string()].as_slice()));
    assert_eq!(lex.plover("091").unwrap().context, ["crime", "corruption"]);
    assert_eq!(lex.plover("0391").unwrap().event_type, "AGREE", "falls back to the parent code");
    assert!(lex.plover("99").is_none());
}

#[test]
fn herald_format_and_layers() {
    let rep = load(&["mini.actors.txt", "mini.verbs.txt", "mini.hld"]);
    let lex = rep.lexicon;
    let t = lex.actor(lex.find_actor("President Trump").unwrap());
    assert_eq!(t.code_on(d("2021-01-19")), ["USAGOV"]);
    assert_eq!(t.code_on(d("2021-01-20")), ["USAELI"], "UNTIL is exclusive");
    assert_eq!(t.code_on(d("2025-01-20")), ["USAGOV"]);
    assert_eq!(t.code_on(None), ["USAGOV"], "no date: the latest span");
    assert_eq!(t.roles_on(d("2025-03-01")).next().unwrap().title, "President of the United States");
    assert_eq!(lex.actor(lex.find_actor("Israeli").unwrap()).kind, ActorKind::Demonym);
    assert_eq!(lex.actor(lex.find_actor("al qahera news tv").unwrap()).code_on(None), ["EGYMED"]);
    assert_eq!(lex.agent_match("special envoys").unwrap().code, "GOV", "regular plural of a herald agent");
    let r = lex.match_roles(&["a", "member", "of", "the", "Political", "Bureau"]);
    assert_eq!(lex.role(r[0].entry).code, RoleCode::Organisation);
    assert_eq!(lex.verb("mediated").unwrap().block.name, "AGREE", "herald verb joins a PETRARCH block");
    assert!(lex.discard_match(&["World", "Cup"]).unwrap().story);
    assert_eq!(lex.issue(lex.issue_matches(&["a", "hostage", "deal"])[0].entry).code, "HOSTAGES");
}

#[test]
fn later_layers_override_earlier_ones() {
    let dir = std::env::temp_dir().join(format!("herald-lex-layers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let user = dir.join("user.hld");
    std::fs::write(&user, "actor Benjamin Netanyahu\n  alias: Bibi\n  code: ISROPP 2021-06-13..2022-12-29\n  code: ISRGOV 2022-12-29..\n").unwrap();
    let lex = Lexicon::load(&[fixture("mini.actors.txt"), user.clone()]).unwrap().lexicon;
    let id = lex.find_actor("Netanyahu").unwrap();
    assert_eq!(lex.find_actor("Bibi"), Some(id), "aliases accumulate");
    assert_eq!(lex.actor(id).code_on(d("2022-01-01")), ["ISROPP"]);
    assert_eq!(lex.actor(id).code_on(d("2000-01-01")), Vec::<&str>::new(), "codes were replaced");
    assert!(lex.sources[lex.actor(id).origin.source as usize].path.ends_with("user.hld"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn matcher_is_tolerant_of_case_hyphens_quotes_and_possessives() {
    let lex = Lexicon::load(&[fixture("mini.actors.txt"), fixture("mini.hld")]).unwrap().lexicon;
    let toks = ["Hamas", "’s", "ISLAMIC", "resistance", "Movement", "and", "Al", "-", "Qahera", "News", "TV"];
    let m = lex.match_actors(&toks);
    let got: Vec<(usize, usize, &str)> = m.iter().map(|m| (m.start, m.end, lex.actor(m.entry).name.as_str())).collect();
    assert_eq!(got, vec![(0, 1, "HAMAS_"), (2, 5, "HAMAS_"), (6, 11, "Al Qahera News TV")]);
    let m = lex.match_actors(&["Al-Qahera", "News", "TV"]);
    assert_eq!((m[0].start, m[0].end), (0, 3));
    // A name written with `_` in the text (PETRARCH's "Dol_Amroth") is its words.
    let m = lex.match_actors(&["the", "Al_Qahera", "News_TV"]);
    assert_eq!((m[0].start, m[0].end), (1, 3));
}

#[test]
fn dictionary_possessives_match_the_tokenizers_clitics() {
    let dir = std::env::temp_dir().join(format!("herald-lex-clitics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("clitics.actors.txt");
    std::fs::write(&f, "KURDISTAN_WORKERS'_PARTY [TURREB]\nNORTH_KOREA_ [PRK]\n+DEMOCRATIC_PEOPLE'S_REPUBLIC_OF_KOREA_\nUNITED_STATES_ [USA]\n+U.S.\n+US_\n+US_CONGRESS_\n").unwrap();
    let lex = Lexicon::load(&[f]).unwrap().lexicon;
    let spans = |toks: &[&str]| -> Vec<(usize, usize, String)> {
        lex.match_actors(toks).iter().map(|m| (m.start, m.end, lex.actor(m.entry).name.clone())).collect()
    };
    // The tokenizer splits `Workers'` and `People's` (UD); so do the dictionary's phrases.
    assert_eq!(spans(&["the", "Kurdistan", "Workers", "'", "Party"]), vec![(1, 5, "KURDISTAN_WORKERS'_PARTY".to_string())]);
    assert_eq!(spans(&["Democratic", "People", "’s", "Republic", "of", "Korea"]), vec![(0, 6, "NORTH_KOREA_".to_string())]);
    // `US` in capitals is the country, `us` the pronoun; `US` also inside a hyphenated word.
    assert_eq!(spans(&["the", "US", "Congress", "and", "the", "US"]).len(), 2);
    assert_eq!(spans(&["the", "US", "Congress"])[0].1, 3, "US_CONGRESS_ is one phrase");
    assert!(spans(&["they", "attacked", "us"]).is_empty());
    assert_eq!(spans(&["US-PRC", "relations"]).len(), 1);
    // A headline in capitals says nothing by case.
    assert!(spans(&["LET", "US", "PRAY", "FOR", "PEACE"]).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}
