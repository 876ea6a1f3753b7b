//! Event coding, one pattern family a test, over hand-written UD parses (so
//! the tests pin the coder, not the parser) and the shipped lexicon.

use herald_extract::events::{CameoCoder, DocMeta, Event, EventScratch, Modality};
use herald_lexicon::Lexicon;
use std::sync::OnceLock;

fn lex() -> &'static (Lexicon, CameoCoder) {
    static L: OnceLock<(Lexicon, CameoCoder)> = OnceLock::new();
    L.get_or_init(|| {
        let lex = Lexicon::default_lexicon().expect("default lexicon");
        let c = CameoCoder::new(&lex);
        (lex, c)
    })
}

/// `rows`: one token a line, `form lemma UPOS XPOS head deprel`.
fn code_by(coder: &CameoCoder, rows: &str, published: Option<&str>) -> Vec<Event> {
    code_in(&lex().0, coder, rows, published)
}

/// [`code_by`] with any lexicon (the coder's).
fn code_in(lex: &Lexicon, coder: &CameoCoder, rows: &str, published: Option<&str>) -> Vec<Event> {
    let mut conllu = String::new();
    let mut forms = Vec::new();
    for (i, l) in rows.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        let f: Vec<&str> = l.split_whitespace().collect();
        assert_eq!(f.len(), 6, "bad row `{l}`");
        forms.push(f[0]);
        conllu.push_str(&format!("{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t_\n", i + 1, f[0], f[1], f[2], f[3], f[4], f[5]));
    }
    conllu.push('\n');
    let text = forms.join(" ");
    let sents = herald_syntax::conllu::parse(&conllu).expect("conllu");
    let mut scratch = EventScratch::without_models();
    scratch.toks.fill_conllu(&text, &sents);
    coder.code_toks(lex, &text, &DocMeta { published: published.map(str::to_string) }, &mut scratch)
}

fn code_with(rows: &str, published: Option<&str>) -> Vec<Event> {
    code_by(&lex().1, rows, published)
}

fn code(rows: &str) -> Vec<Event> {
    code_with(rows, None)
}

/// Codes `rows` with a coder of the shipped lexicon set up by `opts`.
fn code_opts(rows: &str, opts: impl Fn(&mut herald_extract::events::Options)) -> Vec<Event> {
    let mut coder = CameoCoder::new(&lex().0);
    opts(&mut coder.options);
    code_by(&coder, rows, None)
}

fn show(ev: &[Event]) -> String {
    ev.iter().map(|e| format!("{} {} -> {} ({}) [{}]", e.source.code, e.cameo, e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"), e.trigger.text.as_deref().unwrap_or(""), e.rule)).collect::<Vec<_>>().join("; ")
}

fn has(ev: &[Event], src: &str, root: &[&str], tgt: Option<&str>) -> bool {
    ev.iter().any(|e| e.source.code.starts_with(src) && root.contains(&e.cameo_root.as_str()) && e.target.as_ref().map(|t| t.code.as_str()).map(|c| tgt.is_some_and(|x| c.starts_with(x))).unwrap_or(tgt.is_none()))
}

/// "Hamas has dismissed critiques from senior U.S. officials ... earlier this week."
const DISMISSED: &str = "Hamas Hamas PROPN NNP 3 nsubj
         has have AUX VBZ 3 aux
         dismissed dismiss VERB VBN 0 root
         critiques critique NOUN NNS 3 obj
         from from ADP IN 8 case
         senior senior ADJ JJ 8 amod
         U.S. U.S. PROPN NNP 8 compound
         officials official NOUN NNS 4 nmod
         following follow VERB VBG 11 case
         the the DET DT 11 det
         collapse collapse NOUN NN 3 obl
         of of ADP IN 13 case
         discussions discussion NOUN NNS 11 nmod
         earlier earlier ADV RBR 16 advmod
         this this DET DT 16 det
         week week NOUN NN 3 obl:tmod
         . . PUNCT . 3 punct";

#[test]
fn subject_source_object_target_with_date() {
    let ev = code_with(DISMISSED, Some("2025-07-26"));
    assert!(has(&ev, "PSE", &["11", "12"], Some("USA")), "{}", show(&ev));
    let e = &ev[0];
    assert_eq!(e.date.as_ref().map(|d| d.text.as_str()), Some("earlier this week"));
    assert_eq!(e.date.as_ref().and_then(|d| d.resolved.as_deref()), Some("2025-07-21/2025-07-26"));
    assert!(e.plover.is_some() && e.goldstein.is_some() && e.quad_class.is_some());
    assert!(e.rule.contains(".txt:") || e.rule.starts_with("herald:"), "{}", e.rule);
}

#[test]
fn relative_date_of_undated_document_stays_unresolved() {
    // Resolving against the day of the run would make the output of the
    // same text change from day to day.
    let ev = code(DISMISSED);
    let d = ev.first().and_then(|e| e.date.as_ref()).unwrap_or_else(|| panic!("no date: {}", show(&ev)));
    assert_eq!(d.text, "earlier this week");
    assert_eq!(d.resolved, None);
    assert_eq!(d.relation, "the same week, before publication");
}

#[test]
fn passive_with_by_agent() {
    let ev = code(
        "Israel Israel PROPN NNP 3 nsubj:pass
         was be AUX VBD 3 aux:pass
         condemned condemn VERB VBN 0 root
         by by ADP IN 5 case
         Egypt Egypt PROPN NNP 3 obl
         . . PUNCT . 3 punct",
    );
    assert!(has(&ev, "EGY", &["11", "12"], Some("ISR")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.source.code.starts_with("ISR")), "{}", show(&ev));
}

#[test]
fn compound_actors_give_two_sources() {
    let ev = code(
        "Senior senior ADJ JJ 5 amod
         Hungarian Hungarian ADJ JJ 5 amod
         and and CCONJ CC 4 cc
         Romanian Romanian ADJ JJ 2 conj
         officials official NOUN NNS 6 nsubj
         agreed agree VERB VBD 0 root
         to to PART TO 8 mark
         cooperate cooperate VERB VB 6 xcomp
         with with ADP IN 10 case
         Austria Austria PROPN NNP 8 obl
         . . PUNCT . 6 punct",
    );
    assert!(ev.iter().any(|e| e.source.code.starts_with("HUN")), "{}", show(&ev));
    assert!(ev.iter().any(|e| e.source.code.starts_with("ROU") || e.source.code.starts_with("ROM")), "{}", show(&ev));
}

/// "Danish media and government criticized Israel": the state an adjective
/// names before the first of two conjoined agents is the second's too; a
/// conjunct with a state of its own keeps it ("Danish media and French police").
#[test]
fn conjoined_agents_share_the_state_before_them() {
    let ev = code(
        "Danish Danish ADJ JJ 2 amod
         media media NOUN NN 5 nsubj
         and and CCONJ CC 4 cc
         government government NOUN NN 2 conj
         criticized criticize VERB VBD 0 root
         Israel Israel PROPN NNP 5 obj
         . . PUNCT . 5 punct",
    );
    assert!(has(&ev, "DNKMED", &["11"], Some("ISR")), "{}", show(&ev));
    assert!(has(&ev, "DNKGOV", &["11"], Some("ISR")), "{}", show(&ev));
    let ev = code(
        "Danish Danish ADJ JJ 2 amod
         media media NOUN NN 6 nsubj
         and and CCONJ CC 5 cc
         French French ADJ JJ 5 amod
         police police NOUN NNS 2 conj
         criticized criticize VERB VBD 0 root
         Israel Israel PROPN NNP 6 obj
         . . PUNCT . 6 punct",
    );
    assert!(has(&ev, "DNKMED", &["11"], Some("ISR")), "{}", show(&ev));
    assert!(has(&ev, "FRA", &["11"], Some("ISR")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.source.code.starts_with("DNK") && e.source.code != "DNKMED"), "{}", show(&ev));
    // A conjunct naming its state in a modifier takes its own agent too.
    let ev = code(
        "Egypt Egypt PROPN NNP 7 nsubj
         and and CCONJ CC 4 cc
         the the DET DT 4 det
         government government NOUN NN 1 conj
         of of ADP IN 6 case
         Sudan Sudan PROPN NNP 4 nmod
         criticized criticize VERB VBD 0 root
         Israel Israel PROPN NNP 7 obj
         . . PUNCT . 7 punct",
    );
    assert!(ev.iter().any(|e| e.source.code == "EGY"), "{}", show(&ev));
    assert!(ev.iter().any(|e| e.source.code == "SDNGOV"), "{}", show(&ev));
}

/// "Distant Chad, the troubled Sudan and neighbouring Egypt criticized
/// Israel", with the capitalised adjective read as the head of the first
/// name: the conjuncts hang from it, not from the actor's own word.
#[test]
fn conjuncts_of_a_name_headed_by_its_first_word() {
    let ev = code(
        "Distant Distant PROPN NNP 10 nsubj
         Chad Chad PROPN NNP 1 flat
         , , PUNCT , 6 punct
         the the DET DT 6 det
         troubled troubled ADJ JJ 6 amod
         Sudan Sudan PROPN NNP 1 conj
         and and CCONJ CC 9 cc
         neighbouring neighbouring ADJ JJ 9 amod
         Egypt Egypt PROPN NNP 1 conj
         criticized criticize VERB VBD 0 root
         Israel Israel PROPN NNP 10 obj
         . . PUNCT . 10 punct",
    );
    for src in ["TCD", "SDN", "EGY"] {
        assert!(ev.iter().any(|e| e.source.code == src && e.cameo_root == "11"), "{src}: {}", show(&ev));
    }
}

#[test]
fn relative_clause_and_main_clause() {
    let ev = code(
        "Egypt Egypt PROPN NNP 8 nsubj
         , , PUNCT , 4 punct
         which which PRON WDT 4 nsubj
         mediated mediate VERB VBD 1 acl:relcl
         the the DET DT 6 det
         talks talk NOUN NNS 4 obj
         , , PUNCT , 4 punct
         criticized criticize VERB VBD 0 root
         Israel Israel PROPN NNP 8 obj
         . . PUNCT . 8 punct",
    );
    assert!(has(&ev, "EGY", &["11"], Some("ISR")), "{}", show(&ev));
    // Whatever the relative clause codes, its source is its antecedent.
    for e in ev.iter().filter(|e| e.trigger.text.as_deref() == Some("mediated")) {
        assert!(e.source.code.starts_with("EGY"), "{}", show(&ev));
    }
}

#[test]
fn coordinated_verbs_share_subject_and_object() {
    let ev = code(
        "Jordan Jordan PROPN NNP 2 nsubj
         praised praise VERB VBD 0 root
         and and CCONJ CC 5 cc
         then then ADV RB 5 advmod
         criticized criticize VERB VBD 2 conj
         Israel Israel PROPN NNP 2 obj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "JOR", &["05"], Some("ISR")), "{}", show(&ev));
    assert!(has(&ev, "JOR", &["11"], Some("ISR")), "{}", show(&ev));
}

#[test]
fn gerund_event_withdrawing_a_delegation() {
    let ev = code(
        "Prospects prospect NOUN NNS 2 nsubj
         diminished diminish VERB VBD 0 root
         after after SCONJ IN 6 mark
         the the DET DT 5 det
         U.S. U.S. PROPN NNP 6 nsubj
         withdrawing withdraw VERB VBG 2 advcl
         its its PRON PRP$ 8 nmod:poss
         delegation delegation NOUN NN 6 obj
         from from ADP IN 10 case
         Qatar Qatar PROPN NNP 6 obl
         . . PUNCT . 2 punct",
    );
    let e = ev.iter().find(|e| e.source.code.starts_with("USA")).unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.cameo_root, "16", "{}", show(&ev));
    assert_eq!(e.plover.as_ref().map(|p| p.kind.as_str()), Some("SANCTION"));
    assert_eq!(e.plover.as_ref().and_then(|p| p.mode.as_deref()), Some("withdraw"));
}

#[test]
fn nominal_event_announced_withdrawal() {
    let ev = code(
        "Netanyahu Netanyahu PROPN NNP 3 nmod:poss
         's 's PART POS 1 case
         office office NOUN NN 4 nsubj
         announced announce VERB VBD 0 root
         its its PRON PRP$ 7 nmod:poss
         own own ADJ JJ 7 amod
         withdrawal withdrawal NOUN NN 4 obj
         from from ADP IN 9 case
         talks talk NOUN NNS 7 nmod
         . . PUNCT . 4 punct",
    );
    assert!(has(&ev, "ISR", &["16"], None) || ev.iter().any(|e| e.source.code.starts_with("ISR") && e.cameo_root == "16"), "{}", show(&ev));
}

#[test]
fn clause_without_conjunction_takes_the_noun_before_as_subject() {
    // "The same day the U.S. declared its negotiators would depart Qatar,
    // Netanyahu's office announced its own withdrawal": the parser hangs
    // "office" on "Qatar" and the second clause on the first, as a `conj`
    // or (a finite verb cannot be one) an `xcomp`.
    for (head, rel) in [("6", "conj"), ("10", "xcomp")] {
        let rows = format!(
            "The the DET DT 3 det
             same same ADJ JJ 3 amod
             day day NOUN NN 6 obl:tmod
             the the DET DT 5 det
             U.S. U.S. PROPN NNP 6 nsubj
             declared declare VERB VBD 0 root
             its its PRON PRP$ 8 nmod:poss
             negotiators negotiator NOUN NNS 10 nsubj
             would would AUX MD 10 aux
             depart depart VERB VB 6 ccomp
             Qatar Qatar PROPN NNP 10 obj
             , , PUNCT , 15 punct
             Netanyahu Netanyahu PROPN NNP 15 nmod:poss
             's 's PART POS 13 case
             office office NOUN NN 11 appos
             announced announce VERB VBD {head} {rel}
             its its PRON PRP$ 19 nmod:poss
             own own ADJ JJ 19 amod
             withdrawal withdrawal NOUN NN 16 obj
             . . PUNCT . 6 punct"
        );
        let ev = code(&rows);
        assert!(ev.iter().any(|e| e.source.code.starts_with("ISR") && e.cameo_root == "16"), "{rel}: {}", show(&ev));
        assert!(!ev.iter().any(|e| e.source.code.starts_with("QAT")), "{rel}: {}", show(&ev));
    }
}

#[test]
fn who_is_dismayed_by_something_is_the_source() {
    // A passive of feeling: the subject reacts to the `by` phrase.
    let ev = code(
        "Iran Iran PROPN NNP 3 nsubj:pass
         was be AUX VBD 3 aux:pass
         dismayed dismay VERB VBN 0 root
         by by ADP IN 7 case
         Iraq Iraq PROPN NNP 7 nmod:poss
         's 's PART POS 5 case
         remarks remark NOUN NNS 3 obl:agent
         . . PUNCT . 3 punct",
    );
    assert!(has(&ev, "IRN", &["11"], Some("IRQ")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.source.code.starts_with("IRQ")), "{}", show(&ev));
    // Other passives keep the agent as the source.
    let ev = code(
        "Israel Israel PROPN NNP 3 nsubj:pass
         was be AUX VBD 3 aux:pass
         condemned condemn VERB VBN 0 root
         by by ADP IN 5 case
         Egypt Egypt PROPN NNP 3 obl:agent
         . . PUNCT . 3 punct",
    );
    assert!(has(&ev, "EGY", &["11", "12"], Some("ISR")), "{}", show(&ev));
}

#[test]
fn light_verb_expressed_dissatisfaction_with() {
    let ev = code(
        "Trump Trump PROPN NNP 2 nsubj
         expressed express VERB VBD 0 root
         dissatisfaction dissatisfaction NOUN NN 2 obj
         with with ADP IN 7 case
         Hamas Hamas PROPN NNP 7 nmod:poss
         ' ' PART POS 5 case
         management management NOUN NN 3 nmod
         of of ADP IN 10 case
         the the DET DT 10 det
         negotiations negotiation NOUN NNS 7 nmod
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "USA", &["11"], Some("PSE")), "{}", show(&ev));
}

#[test]
fn light_verb_called_for() {
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         called call VERB VBD 0 root
         for for ADP IN 6 case
         increased increase VERB VBN 6 amod
         U.S. U.S. PROPN NNP 6 compound
         pressure pressure NOUN NN 2 obl
         on on ADP IN 8 case
         Israel Israel PROPN NNP 6 nmod
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "EGY", &["02", "10"], Some("USA")), "{}", show(&ev));
}

#[test]
fn intent_to_cooperate_is_agree() {
    let ev = code(
        "Qatar Qatar PROPN NNP 4 nsubj
         and and CCONJ CC 3 cc
         Egypt Egypt PROPN NNP 1 conj
         affirmed affirm VERB VBD 0 root
         their their PRON PRP$ 6 nmod:poss
         commitment commitment NOUN NN 4 obj
         to to ADP IN 9 case
         a a DET DT 9 det
         ceasefire ceasefire NOUN NN 6 nmod
         . . PUNCT . 4 punct",
    );
    assert!(has(&ev, "QAT", &["03"], None), "{}", show(&ev));
    assert!(has(&ev, "EGY", &["03"], None), "{}", show(&ev));
    assert!(ev.iter().all(|e| e.plover.as_ref().is_some_and(|p| p.kind == "AGREE")), "{}", show(&ev));
}

#[test]
fn negated_events_are_not_coded() {
    let ev = code(
        "Hamas Hamas PROPN NNP 4 nsubj
         did do AUX VBD 4 aux
         not not PART RB 4 advmod
         wish wish VERB VB 0 root
         to to PART TO 6 mark
         agree agree VERB VB 4 xcomp
         to to ADP IN 9 case
         a a DET DT 9 det
         deal deal NOUN NN 6 obl
         . . PUNCT . 4 punct",
    );
    assert!(!ev.iter().any(|e| e.plover.as_ref().is_some_and(|p| p.kind == "AGREE")), "{}", show(&ev));
}

#[test]
fn what_an_actor_is_unwilling_or_unable_to_do_is_not_coded() {
    // Also as the tagger may read it: `unwilling` a verb with lemma `unwill`.
    for (adj, lemma, upos) in [("unwilling", "unwilling", "ADJ JJ"), ("unable", "unable", "ADJ JJ"), ("reluctant", "reluctant", "ADJ JJ"), ("unwilling", "unwill", "VERB VBG")] {
        let rows = format!(
            "Iran Iran PROPN NNP 3 nsubj
             was be AUX VBD 3 cop
             {adj} {lemma} {upos} 0 root
             to to PART TO 5 mark
             attack attack VERB VB 3 xcomp
             Iraq Iraq PROPN NNP 5 obj
             . . PUNCT . 3 punct"
        );
        let ev = code(&rows);
        assert!(!ev.iter().any(|e| e.cameo_root == "19" || e.cameo_root == "18"), "{adj}: {}", show(&ev));
    }
    // The same clause without the adjective is an attack.
    let ev = code(
        "Iran Iran PROPN NNP 2 nsubj
         attacked attack VERB VBD 0 root
         Iraq Iraq PROPN NNP 2 obj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "IRN", &["18", "19"], Some("IRQ")), "{}", show(&ev));
}

#[test]
fn reported_negative_evaluation_is_an_accusation() {
    let ev = code(
        "Al-Rishq Al-Rishq PROPN NNP 2 nsubj
         asserted assert VERB VBD 0 root
         that that SCONJ IN 8 mark
         Israel Israel PROPN NNP 8 nsubj
         was be AUX VBD 8 cop
         the the DET DT 8 det
         primary primary ADJ JJ 8 amod
         impediment impediment NOUN NN 2 ccomp
         to to ADP IN 11 case
         all all DET DT 11 det
         agreements agreement NOUN NNS 8 nmod
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "PSE", &["11"], Some("ISR")), "{}", show(&ev));
}

#[test]
fn reported_event_is_claimed_by_the_speaker() {
    let ev = code(
        "Qatar Qatar PROPN NNP 2 nsubj
         said say VERB VBD 0 root
         Israel Israel PROPN NNP 4 nsubj
         attacked attack VERB VBD 2 ccomp
         Egypt Egypt PROPN NNP 4 obj
         . . PUNCT . 2 punct",
    );
    let e = ev.iter().find(|e| e.source.code.starts_with("ISR")).unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.modality, Modality::Claimed);
    assert_eq!(e.claimed_by.as_ref().map(|c| c.code.as_str()), Some("QAT"));
    // No "make statement" event for the verb of saying.
    assert!(!ev.iter().any(|e| e.cameo_root == "01"), "{}", show(&ev));
}

#[test]
fn noise_lost_object_and_byline_are_not_coded() {
    let ev = code(
        "Qatar Qatar PROPN NNP 4 nsubj
         and and CCONJ CC 3 cc
         Egypt Egypt PROPN NNP 1 conj
         released release VERB VBD 0 root
         a a DET DT 4 obj
         on on ADP IN 7 case
         Friday Friday PROPN NNP 4 obl
         . . PUNCT . 4 punct",
    );
    assert!(ev.is_empty(), "{}", show(&ev));
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         contributed contribute VERB VBD 0 root
         to to ADP IN 5 case
         this this DET DT 5 det
         article article NOUN NN 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.is_empty(), "{}", show(&ev));
}

#[test]
fn future_cooperation_is_agree() {
    let ev = code(
        "Egypt Egypt PROPN NNP 3 nsubj
         will will AUX MD 3 aux
         meet meet VERB VB 0 root
         Israel Israel PROPN NNP 3 obj
         . . PUNCT . 3 punct",
    );
    let e = ev.iter().find(|e| e.source.code.starts_with("EGY")).unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.modality, Modality::Expected);
    assert_eq!(e.plover.as_ref().map(|p| p.kind.as_str()), Some("AGREE"), "{}", show(&ev));
}

#[test]
fn a_participle_misread_on_the_root_noun_is_the_main_verb() {
    // The parser read "released" as a reduced relative on "rebels".
    let ev = code(
        "Fijian Fijian ADJ JJ 2 amod
         rebels rebel NOUN NNS 0 root
         released release VERB VBN 2 acl
         Mahendra Mahendra PROPN NNP 3 obj
         Chaudhry Chaudhry PROPN NNP 4 flat
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "FJI", &["08"], Some("FJI")), "{}", show(&ev));
    // A true reduced relative without an object stays passive: no event from "rebels".
    let ev = code(
        "Prisoners prisoner NOUN NNS 0 root
         released release VERB VBN 1 acl
         by by ADP IN 4 case
         Hamas Hamas PROPN NNP 2 obl:agent
         . . PUNCT . 1 punct",
    );
    assert!(ev.iter().all(|e| e.source.code.starts_with("PSE")), "{}", show(&ev));
}

#[test]
fn an_it_read_as_expletive_before_a_to_clause_is_the_subject() {
    let ev = code(
        "Syria Syria PROPN NNP 2 nsubj
         says say VERB VBZ 0 root
         it it PRON PRP 5 expl
         is be AUX VBZ 5 cop
         willing willing ADJ JJ 2 ccomp
         to to PART TO 7 mark
         withdraw withdraw VERB VB 5 xcomp
         its its PRON PRP$ 9 nmod:poss
         troops troops NOUN NNS 7 obj
         from from ADP IN 11 case
         Lebanon Lebanon PROPN NNP 7 obl
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "SYR", &["03"], Some("LBN")) || has(&ev, "SYR", &["03"], None), "{}", show(&ev));
    assert!(ev.iter().all(|e| e.modality == herald_extract::events::Modality::Expected), "{}", show(&ev));
}

const VISIT: &str = "Egypt Egypt PROPN NNP 2 nsubj
     visited visit VERB VBD 0 root
     Israel Israel PROPN NNP 2 obj
     . . PUNCT . 2 punct";

#[test]
fn paired_codes_code_the_hosting_too_when_asked() {
    // VISIT [042:043]: PETRARCH's reading codes the visit and the hosting.
    let ev = code_opts(VISIT, |o| o.paired_codes = true);
    assert!(ev.iter().any(|e| e.source.code == "EGY" && e.cameo == "042" && e.target.as_ref().is_some_and(|t| t.code == "ISR")), "{}", show(&ev));
    assert!(ev.iter().any(|e| e.source.code == "ISR" && e.cameo == "043" && e.target.as_ref().is_some_and(|t| t.code == "EGY")), "{}", show(&ev));
    // By default (PLOVER's reading) only the visit.
    let ev = code(VISIT);
    assert!(has(&ev, "EGY", &["04"], Some("ISR")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.cameo == "043"), "{}", show(&ev));
}

const CONSULTED: &str = "Egypt Egypt PROPN NNP 4 nsubj
     and and CCONJ CC 3 cc
     Jordan Jordan PROPN NNP 1 conj
     consulted consult VERB VBD 0 root
     . . PUNCT . 4 punct";

#[test]
fn compound_subjects_act_on_each_other_only_in_petrarch_reading() {
    let ev = code_opts(CONSULTED, |o| o.reciprocal_compound = true);
    assert!(has(&ev, "EGY", &["04"], Some("JOR")) && has(&ev, "JOR", &["04"], Some("EGY")), "{}", show(&ev));
    let ev = code(CONSULTED);
    assert!(has(&ev, "EGY", &["04"], None) && has(&ev, "JOR", &["04"], None), "{}", show(&ev));
}

#[test]
fn a_pattern_target_keeps_its_conjuncts() {
    // MOCK `- * + [111]`: the pattern's `+` is Israel, and Syria with it.
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         mocked mock VERB VBD 0 root
         Israel Israel PROPN NNP 2 obj
         and and CCONJ CC 5 cc
         Syria Syria PROPN NNP 3 conj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "EGY", &["11"], Some("ISR")) && has(&ev, "EGY", &["11"], Some("SYR")), "{}", show(&ev));
}

#[test]
fn reject_codes_rejection_without_a_pattern() {
    let ev = code(
        "Serbia Serbia PROPN NNP 2 nsubj
         rejected reject VERB VBD 0 root
         an a DET DT 5 det
         Australian Australian ADJ JJ 5 amod
         ultimatum ultimatum NOUN NN 2 obj
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.cameo_root == "12" && e.plover.as_ref().is_some_and(|p| p.kind == "REJECT") && e.rule.contains("herald:verb-default")), "{}", show(&ev));
}

#[test]
fn what_is_threatened_is_not_coded_as_done() {
    let ev = code(
        "Iran Iran PROPN NNP 2 nsubj
         threatened threaten VERB VBD 0 root
         to to PART TO 4 mark
         attack attack VERB VB 2 xcomp
         Iraq Iraq PROPN NNP 4 obj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "IRN", &["13"], Some("IRQ")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| matches!(e.cameo_root.as_str(), "18" | "19" | "20")), "{}", show(&ev));
}

#[test]
fn destroying_property_is_plover_coerce() {
    let ev = code(
        "Israel Israel PROPN NNP 2 nsubj
         demolished demolish VERB VBD 0 root
         Palestinian Palestinian ADJ JJ 4 amod
         homes home NOUN NNS 2 obj
         . . PUNCT . 2 punct",
    );
    let e = ev.iter().find(|e| e.cameo == "1712").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.plover.as_ref().map(|p| (p.kind.as_str(), p.mode.as_deref())), Some(("COERCE", Some("destroy"))));
}

#[test]
fn a_title_between_a_state_and_a_name_composes_the_agent() {
    // "France Prime Minister Dupont": however the title hangs in the parse.
    let ev = code(
        "France France PROPN NNP 5 nsubj
         Prime prime ADJ JJ 3 amod
         Minister Minister PROPN NNP 4 nmod:desc
         Dupont Dupont PROPN NNP 1 flat
         criticized criticize VERB VBD 0 root
         Germany Germany PROPN NNP 5 obj
         . . PUNCT . 5 punct",
    );
    assert!(ev.iter().any(|e| e.source.code == "FRAGOV" && e.target.as_ref().is_some_and(|t| t.code == "DEU")), "{}", show(&ev));
}

/// Codes `rows` with a small PETRARCH dictionary (verbs and actors as text).
fn code_tiny(verbs: &str, actors: &str, rows: &str, opts: impl Fn(&mut herald_extract::events::Options)) -> Vec<Event> {
    use herald_lexicon::SourceFormat;
    let files = vec![("tiny.verbs.txt".to_string(), SourceFormat::Verbs, verbs.as_bytes().to_vec()), ("tiny.actors.txt".to_string(), SourceFormat::Actors, actors.as_bytes().to_vec())];
    let lex = Lexicon::from_sources(&files).lexicon;
    let mut coder = CameoCoder::new(&lex);
    opts(&mut coder.options);
    code_in(&lex, &coder, rows, None)
}

const TINY_ACTORS: &str = "ERIADOR [ERI]\nPHILIPPINES [PHL]\nFRANCE [FRA]\nARNOR [ARN]\nGONDOR [GON]\n";

#[test]
fn a_compound_after_the_verb_is_the_target() {
    // `- * WITH % [031]`: "Eriador agrees with the Philippines and France".
    let verbs = "--- AGREE [081] ---\nAGREE\n- * WITH % [031]\n- % * [030:030]\n";
    let ev = code_tiny(
        verbs,
        TINY_ACTORS,
        "Eriador Eriador PROPN NNP 2 nsubj
         agrees agree VERB VBZ 0 root
         with with ADP IN 5 case
         the the DET DT 5 det
         Philippines Philippines PROPN NNPS 2 obl
         and and CCONJ CC 7 cc
         France France PROPN NNP 5 conj
         . . PUNCT . 2 punct",
        |_| {},
    );
    assert!(has(&ev, "ERI", &["03"], Some("PHL")) && has(&ev, "ERI", &["03"], Some("FRA")), "{}", show(&ev));
    assert!(ev.iter().all(|e| e.source.code == "ERI"), "{}", show(&ev));
}

#[test]
fn a_skipped_noun_phrase_is_not_the_target() {
    // `^` skips the noun phrase right after the word before it.
    let verbs = "--- WARN [160] ---\nWARN\n- * AT ^ + [162]\n- * THEIR ^ ABOUT + [163]\n";
    let ev = code_tiny(
        verbs,
        TINY_ACTORS,
        "Arnor Arnor PROPN NNP 2 nsubj
         warned warn VERB VBD 0 root
         at at ADP IN 5 case
         the the DET DT 5 det
         Eriador Eriador PROPN NNP 2 obl
         of of ADP IN 8 case
         the the DET DT 8 det
         Gondor Gondor PROPN NNP 5 nmod
         . . PUNCT . 2 punct",
        |_| {},
    );
    assert!(has(&ev, "ARN", &["16"], Some("GON")) && ev.iter().all(|e| e.cameo == "162"), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.target.as_ref().is_some_and(|t| t.code == "ERI")), "{}", show(&ev));
    // The skipped phrase names an actor of its own ("their Eriador allies").
    let ev = code_tiny(
        verbs,
        TINY_ACTORS,
        "Arnor Arnor PROPN NNP 2 nsubj
         warned warn VERB VBD 0 root
         their their PRON PRP$ 5 nmod:poss
         Eriador Eriador PROPN NNP 5 compound
         allies ally NOUN NNS 2 obj
         about about ADP IN 7 case
         Gondor Gondor PROPN NNP 2 obl
         . . PUNCT . 2 punct",
        |_| {},
    );
    assert!(has(&ev, "ARN", &["16"], Some("GON")) && ev.iter().all(|e| e.cameo == "163"), "{}", show(&ev));
    // Without the word the skip follows, the pattern does not apply.
    let ev = code_tiny(
        verbs,
        TINY_ACTORS,
        "Arnor Arnor PROPN NNP 2 nsubj
         warned warn VERB VBD 0 root
         Eriador Eriador PROPN NNP 2 obj
         about about ADP IN 5 case
         Gondor Gondor PROPN NNP 2 obl
         . . PUNCT . 2 punct",
        |_| {},
    );
    assert!(ev.iter().all(|e| e.cameo == "160"), "{}", show(&ev));
}

#[test]
fn a_pattern_of_words_reads_on_into_the_complement_clause() {
    // `- * REALLY_PLEASANT [024]`: PETRARCH reads past "that".
    let verbs = "--- ALLOW [080] ---\nALLOW\n- * REALLY_PLEASANT [024]\n";
    let ev = code_tiny(
        verbs,
        TINY_ACTORS,
        "Arnor Arnor PROPN NNP 2 nsubj
         allowed allow VERB VBD 0 root
         that that SCONJ IN 9 mark
         Gondor Gondor PROPN NNP 9 nsubj
         is be AUX VBZ 9 cop
         a a DET DT 9 det
         really really ADV RB 8 advmod
         pleasant pleasant ADJ JJ 9 amod
         place place NOUN NN 2 ccomp
         . . PUNCT . 2 punct",
        |o| o.linear_phrase = true,
    );
    assert!(has(&ev, "ARN", &["02"], Some("GON")) && ev.iter().all(|e| e.cameo == "024"), "{}", show(&ev));
}

#[test]
fn a_target_is_found_in_a_subjectless_to_clause_in_linear_reading() {
    let verbs = "--- SIGN [081] ---\nSIGN\n";
    let rows = "Arnor Arnor PROPN NNP 2 nsubj
         signed sign VERB VBD 0 root
         an a DET DT 4 det
         accord accord NOUN NN 2 obj
         to to PART TO 6 mark
         supply supply VERB VB 2 advcl
         Gondor Gondor PROPN NNP 6 obj
         . . PUNCT . 2 punct";
    let ev = code_tiny(verbs, TINY_ACTORS, rows, |o| o.linear_phrase = true);
    assert!(has(&ev, "ARN", &["08"], Some("GON")), "{}", show(&ev));
    // By default the clause's actors are not the signing's target.
    let ev = code_tiny(verbs, TINY_ACTORS, rows, |_| {});
    assert!(has(&ev, "ARN", &["08"], None), "{}", show(&ev));
    // With a target required (PETRARCH) and the clauses read apart, the
    // signing has none and is not coded.
    let ev = code_tiny(verbs, TINY_ACTORS, rows, |o| o.require_target = true);
    assert!(!ev.iter().any(|e| e.source.code == "ARN"), "{}", show(&ev));
}

#[test]
fn exact_pattern_words_match_the_written_form_only() {
    // PETRARCH: `- * RESOLUTION [102]` is not "resolutions" (only synonym sets take plurals).
    let verbs = "--- ADOPT [081] ---\nADOPT\n- * RESOLUTION [102]\n";
    let rows = "Arnor Arnor PROPN NNP 2 nsubj
         adopted adopt VERB VBD 0 root
         resolutions resolution NOUN NNS 2 obj
         with with ADP IN 5 case
         Gondor Gondor PROPN NNP 2 obl
         . . PUNCT . 2 punct";
    let ev = code_tiny(verbs, TINY_ACTORS, rows, |o| o.exact_pattern_words = true);
    assert!(has(&ev, "ARN", &["08"], Some("GON")) && ev.iter().all(|e| e.cameo == "081"), "{}", show(&ev));
    let ev = code_tiny(verbs, TINY_ACTORS, rows, |_| {});
    assert!(ev.iter().any(|e| e.cameo == "102"), "{}", show(&ev));
    let ev = code_tiny(verbs, TINY_ACTORS, &rows.replace("resolutions resolution NOUN NNS", "resolution resolution NOUN NN"), |o| o.exact_pattern_words = true);
    assert!(ev.iter().any(|e| e.cameo == "102"), "{}", show(&ev));
}

#[test]
fn future_acts_keep_their_code_in_petrarch_reading() {
    let verbs = "--- CONTRIBUTE [070] ---\nCONTRIBUTE\n";
    let rows = "Arnor Arnor PROPN NNP 3 nsubj
         will will AUX MD 3 aux
         contribute contribute VERB VB 0 root
         money money NOUN NN 3 obj
         to to ADP IN 6 case
         Gondor Gondor PROPN NNP 3 obl
         . . PUNCT . 3 punct";
    let ev = code_tiny(verbs, TINY_ACTORS, rows, |o| o.literal_future = true);
    assert!(ev.iter().any(|e| e.cameo == "070" && e.source.code == "ARN" && e.target.as_ref().is_some_and(|t| t.code == "GON")), "{}", show(&ev));
    // PLOVER's reading: announced aid is an intent (AGREE).
    let ev = code_tiny(verbs, TINY_ACTORS, rows, |_| {});
    assert!(ev.iter().any(|e| e.cameo_root == "03" && e.modality == Modality::Expected), "{}", show(&ev));
}

#[test]
fn a_predicate_nouns_subject_is_not_the_actor_of_its_clause() {
    // "a place to visit" is not Israel visiting anyone.
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         said say VERB VBD 0 root
         that that SCONJ IN 8 mark
         Israel Israel PROPN NNP 8 nsubj
         is be AUX VBZ 8 cop
         not not PART RB 8 advmod
         a a DET DT 8 det
         place place NOUN NN 2 ccomp
         to to PART TO 10 mark
         visit visit VERB VB 8 acl
         . . PUNCT . 2 punct",
    );
    assert!(!ev.iter().any(|e| e.trigger.text.as_deref() == Some("visit")), "{}", show(&ev));
}

#[test]
fn a_bare_agent_yields_to_an_actor_further_on() {
    // "on his official visit" names no actor; Israel is the target.
    let ev = code_opts(
        "Sisi Sisi PROPN NNP 2 nsubj
         arrived arrive VERB VBD 0 root
         on on ADP IN 7 case
         his his PRON PRP$ 7 nmod:poss
         first first ADJ JJ 7 amod
         official official NOUN NN 7 compound
         visit visit NOUN NN 2 obl
         to to ADP IN 9 case
         Israel Israel PROPN NNP 2 obl
         . . PUNCT . 2 punct",
        |o| o.agent_only_actors = true,
    );
    assert!(has(&ev, "EGY", &["04"], Some("ISR")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.target.as_ref().is_some_and(|t| t.code.starts_with("---"))), "{}", show(&ev));
}

#[test]
fn an_infinitive_to_is_not_a_prepositional_phrase() {
    // `- * (TO) [042:043]` (a trip to somewhere) must not read "ordered ... to suspend".
    let ev = code(
        "Nicaragua Nicaragua PROPN NNP 2 nsubj
         ordered order VERB VBD 0 root
         the the DET DT 4 det
         newspaper newspaper NOUN NN 2 obj
         to to PART TO 6 mark
         suspend suspend VERB VB 2 xcomp
         publication publication NOUN NN 6 obj
         . . PUNCT . 2 punct",
    );
    assert!(!ev.iter().any(|e| e.cameo_root == "04"), "{}", show(&ev));
}

#[test]
fn an_untargeted_repeat_of_a_targeted_act_is_dropped() {
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         expressed express VERB VBD 0 root
         dissatisfaction dissatisfaction NOUN NN 2 obj
         , , PUNCT , 5 punct
         criticizing criticize VERB VBG 2 advcl
         Israel Israel PROPN NNP 5 obj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "EGY", &["11"], Some("ISR")), "{}", show(&ev));
    let kind = |e: &Event| e.plover.as_ref().map(|p| p.kind.clone());
    for e in ev.iter().filter(|e| e.target.is_none()) {
        assert!(!ev.iter().any(|o| o.target.is_some() && o.source.code == e.source.code && kind(o) == kind(e)), "{}", show(&ev));
    }
}

#[test]
fn a_possessor_of_a_role_is_the_actor() {
    // "Egypt's new mayor criticized Israel": the mayor acts for Egypt.
    let ev = code(
        "Egypt Egypt PROPN NNP 4 nmod:poss
         's 's PART POS 1 case
         new new ADJ JJ 4 amod
         mayor mayor NOUN NN 5 nsubj
         criticized criticize VERB VBD 0 root
         Israel Israel PROPN NNP 5 obj
         . . PUNCT . 5 punct",
    );
    assert!(has(&ev, "EGY", &["11"], Some("ISR")), "{}", show(&ev));
}

/// "Egypt, which criticized Jordan, ..." followed by the main clause's rows.
fn with_relative(main: &str) -> String {
    format!(
        "Egypt Egypt PROPN NNP 7 nsubj
         , , PUNCT , 4 punct
         which which PRON WDT 4 nsubj
         criticized criticize VERB VBD 1 acl:relcl
         Jordan Jordan PROPN NNP 4 obj
         , , PUNCT , 4 punct
         {main}
         . . PUNCT . 7 punct"
    )
}

#[test]
fn a_relative_clause_is_background_when_the_sentence_codes_something_else() {
    let main = code(&with_relative("praised praise VERB VBD 0 root\n Israel Israel PROPN NNP 7 obj"));
    assert!(has(&main, "EGY", &["05"], Some("ISR")), "{}", show(&main));
    assert!(!main.iter().any(|e| e.target.as_ref().is_some_and(|t| t.code.starts_with("JOR"))), "{}", show(&main));
    // Alone, the relative clause is what the sentence reports.
    let alone = code(&with_relative("slept sleep VERB VBD 0 root"));
    assert!(has(&alone, "EGY", &["11"], Some("JOR")), "{}", show(&alone));
}

#[test]
fn an_object_naming_the_subject_again_is_not_the_target() {
    // "Egypt warned Egypt's allies about Israel": the target is Israel.
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         warned warn VERB VBD 0 root
         Egypt Egypt PROPN NNP 5 nmod:poss
         's 's PART POS 3 case
         allies ally NOUN NNS 2 obj
         about about ADP IN 7 case
         Israel Israel PROPN NNP 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.source.code.starts_with("EGY") && e.target.as_ref().is_some_and(|t| t.code.starts_with("ISR"))), "{}", show(&ev));
}

/// "Berlin rejected calls by Belarus for aid, saying it was withholding aid",
/// with the participle's clause given as `tail`.
fn with_participle(tail: &str) -> String {
    format!(
        "Berlin Berlin PROPN NNP 2 nsubj
         rejected reject VERB VBD 0 root
         calls call NOUN NNS 2 obj
         by by ADP IN 5 case
         Belarus Belarus PROPN NNP 2 obl
         for for ADP IN 7 case
         aid aid NOUN NN 2 obl
         , , PUNCT , 9 punct
         {tail}
         . . PUNCT . 2 punct"
    )
}

#[test]
fn an_untargeted_subordinate_clause_yields_to_the_targeted_main_act() {
    let ev = code(&with_participle(
        "saying say VERB VBG 2 advcl
         it it PRON PRP 12 nsubj
         was be AUX VBD 12 aux
         withholding withhold VERB VBG 9 ccomp
         aid aid NOUN NN 12 obj",
    ));
    assert!(has(&ev, "DEU", &["12"], Some("BLR")), "{}", show(&ev));
    assert!(ev.iter().all(|e| e.target.is_some()), "{}", show(&ev));
    // The same clause coordinated with the main verb is an act of its own.
    let conj = code(&with_participle(
        "and and CCONJ CC 10 cc
         withheld withhold VERB VBD 2 conj
         aid aid NOUN NN 10 obj",
    ));
    assert!(has(&conj, "DEU", &["12"], Some("BLR")), "{}", show(&conj));
    assert!(conj.iter().any(|e| e.target.is_none() && e.trigger.text.as_deref() == Some("withheld")), "{}", show(&conj));
}

#[test]
fn an_attribution_hung_on_the_verb_is_not_the_target() {
    // "Peru granted asylum to army officers, the Peruvian embassy said" with
    // `said` parsed as an adverbial clause of `granted`.
    let ev = code(
        "Peru Peru PROPN NNP 2 nsubj
         granted grant VERB VBD 0 root
         asylum asylum NOUN NN 2 obj
         to to ADP IN 6 case
         army army NOUN NN 6 compound
         officers officer NOUN NNS 2 obl
         , , PUNCT , 11 punct
         the the DET DT 10 det
         Peruvian Peruvian PROPN NNP 10 compound
         embassy embassy NOUN NN 11 nsubj
         said say VERB VBD 2 advcl
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.source.code.starts_with("PER") && e.trigger.text.as_deref() == Some("granted")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.target.as_ref().is_some_and(|t| t.code.starts_with("PER"))), "{}", show(&ev));
}

#[test]
fn two_actors_of_one_code_act_on_each_other() {
    // A prime minister and another minister of the same government (ISRGOV
    // both) are two actors; the state named twice is one.
    let ev = code_with(
        "Benjamin Benjamin PROPN NNP 3 nsubj
         Netanyahu Netanyahu PROPN NNP 1 flat
         criticized criticize VERB VBD 0 root
         Avigdor Avigdor PROPN NNP 3 obj
         Lieberman Lieberman PROPN NNP 4 flat
         . . PUNCT . 3 punct",
        Some("2025-07-26"),
    );
    assert!(has(&ev, "ISRGOV", &["11"], Some("ISRGOV")), "{}", show(&ev));
    let same = code_with(
        "Israelis Israeli PROPN NNPS 2 nsubj
         criticized criticize VERB VBD 0 root
         Israel Israel PROPN NNP 2 obj
         . . PUNCT . 2 punct",
        Some("2025-07-26"),
    );
    assert!(!same.iter().any(|e| e.target.is_some()), "{}", show(&same));
}

/// "Police arrested protesters in Harare."
const POLICE_IN_HARARE: &str = "Police police NOUN NNS 2 nsubj
         arrested arrest VERB VBD 0 root
         protesters protester NOUN NNS 2 obj
         in in ADP IN 5 case
         Harare Harare PROPN NNP 2 obl
         . . PUNCT . 2 punct";

#[test]
fn a_group_named_by_its_kind_is_of_the_state_where_the_event_happens() {
    // "Police arrested protesters in Harare": ZWECOP -> ZWE..., not dropped
    // for want of a country.
    let ev = code(POLICE_IN_HARARE);
    assert!(ev.iter().any(|e| e.source.code.starts_with("ZWE") && e.cameo_root == "17" && e.target.as_ref().is_some_and(|t| t.code.starts_with("ZWE"))), "{}", show(&ev));
    // A person named by a title alone may be abroad: not given the place's state.
    let visit = code(
        "The the DET DT 2 det
         president president NOUN NN 3 nsubj
         criticized criticize VERB VBD 0 root
         students student NOUN NNS 3 obj
         in in ADP IN 6 case
         Harare Harare PROPN NNP 3 obl
         . . PUNCT . 3 punct",
    );
    assert!(!visit.iter().any(|e| e.source.code.starts_with("ZWE")), "{}", show(&visit));
    // PETRARCH's convention (bare agents kept as `---`) is left alone.
    let bare = code_opts(POLICE_IN_HARARE, |o| o.agent_only_actors = true);
    assert!(bare.iter().all(|e| !e.source.code.starts_with("ZWE")), "{}", show(&bare));
}

#[test]
fn plover_reads_sanctions_and_eased_curfews_as_its_manual_does() {
    // CAMEO2PLOVER-2021 lists 163 as COERCE and 0813 as RETREAT; the manual
    // codes international sanctions SANCTION `discontinue` and the lifting
    // of a curfew CONCEDE.
    let ev = code(
        "Serbia Serbia PROPN NNP 2 nsubj
         lifted lift VERB VBD 0 root
         a a DET DT 4 det
         curfew curfew NOUN NN 2 obj
         in in ADP IN 6 case
         Montenegro Montenegro PROPN NNP 4 nmod
         . . PUNCT . 2 punct",
    );
    let e = ev.iter().find(|e| e.cameo == "0813").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.plover.as_ref().map(|p| (p.kind.as_str(), p.mode.as_deref())), Some(("CONCEDE", None)));
    let ev = code(
        "Washington Washington PROPN NNP 2 nsubj
         imposed impose VERB VBD 0 root
         sanctions sanction NOUN NNS 2 obj
         on on ADP IN 5 case
         Afghanistan Afghanistan PROPN NNP 3 nmod
         . . PUNCT . 2 punct",
    );
    let e = ev.iter().find(|e| e.cameo == "163").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.plover.as_ref().map(|p| (p.kind.as_str(), p.mode.as_deref())), Some(("SANCTION", Some("discontinue"))));
}

#[test]
fn a_light_verb_s_own_pattern_reads_its_object_first() {
    // "LODGE * PROTEST [110]": a protest lodged with a state is a
    // complaint (ACCUSE), not a demonstration (herald's nominal reading).
    let ev = code(
        "Serbia Serbia PROPN NNP 2 nsubj
         lodged lodge VERB VBD 0 root
         an a DET DT 5 det
         official official ADJ JJ 5 amod
         protest protest NOUN NN 2 obj
         with with ADP IN 7 case
         Albania Albania PROPN NNP 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "SRB", &["11"], Some("ALB")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.cameo_root == "14"), "{}", show(&ev));
}

#[test]
fn a_speaker_after_the_quote_is_not_a_noun_inside_it() {
    // '"We condemn Israel, specifically Netanyahu," stated Mahmoud Abbas.'
    // as a parser may read it: `stated` hung on the quote, a quoted noun as
    // its subject and the speaker as its object.
    let ev = code(
        "\" \" PUNCT `` 3 punct
         We we PRON PRP 3 nsubj
         condemn condemn VERB VBP 0 root
         Israel Israel PROPN NNP 3 obj
         , , PUNCT , 7 punct
         specifically specifically ADV RB 7 advmod
         Netanyahu Netanyahu PROPN NNP 10 nsubj
         , , PUNCT , 10 punct
         \" \" PUNCT '' 10 punct
         stated state VERB VBD 3 parataxis
         Mahmoud Mahmoud PROPN NNP 10 obj
         Abbas Abbas PROPN NNP 11 flat
         . . PUNCT . 3 punct",
    );
    assert!(has(&ev, "PSE", &["11"], Some("ISR")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.source.code.starts_with("ISR")), "{}", show(&ev));
}

#[test]
fn a_member_of_the_speaking_group_does_not_claim_for_itself() {
    let ev = code(
        "Qatar Qatar PROPN NNP 4 nsubj
         and and CCONJ CC 3 cc
         Egypt Egypt PROPN NNP 1 conj
         said say VERB VBD 0 root
         Egypt Egypt PROPN NNP 7 nsubj
         will will AUX MD 7 aux
         meet meet VERB VB 4 ccomp
         Hamas Hamas PROPN NNP 7 obj
         . . PUNCT . 4 punct",
    );
    let e = ev.iter().find(|e| e.source.code.starts_with("EGY") && e.target.as_ref().is_some_and(|t| t.code.contains("HMS"))).unwrap_or_else(|| panic!("{}", show(&ev)));
    assert!(e.claimed_by.is_none(), "{:?}", e.claimed_by);
    assert_ne!(e.modality, Modality::Claimed);
    // Another speaker does claim it.
    let other = code(
        "Qatar Qatar PROPN NNP 2 nsubj
         said say VERB VBD 0 root
         Egypt Egypt PROPN NNP 5 nsubj
         will will AUX MD 5 aux
         meet meet VERB VB 2 ccomp
         Hamas Hamas PROPN NNP 5 obj
         . . PUNCT . 2 punct",
    );
    assert!(other.iter().any(|e| e.source.code.starts_with("EGY") && e.claimed_by.as_ref().is_some_and(|c| c.code.starts_with("QAT"))), "{}", show(&other));
}

const GLUE_VERBS: &str = "&TIETYPES\n+MILITARY\n+CULTURAL\n\n--- WELCOME  [041] ---\nWELCOME\n- * &TIETYPES_MEMOS FROM [911]\n- * NEW_&TIETYPES_RELATIONS [903]\n\n--- MEET  [040] ---\nMEET\n- RECENTLY_* [025]\n- * VISIT TO_+ [036]\n";

/// "Arnor <verb> <words> Gondor": `Arnor` subject, `words` before the object `Gondor`.
fn glue_rows(pre: &[&str], verb: (&str, &str), words: &[(&str, &str)], tail: &str) -> String {
    let mut rows = String::from("Arnor Arnor PROPN NNP 0 nsubj\n");
    let v = 2 + pre.len();
    for w in pre {
        rows.push_str(&format!("{w} {w} ADV RB {v} advmod\n"));
    }
    rows.push_str(&format!("{} {} VERB VBD 0 root\n", verb.0, verb.1));
    let noun = v + words.len();
    for (i, (w, upos)) in words.iter().enumerate() {
        let rel = if i + 1 == words.len() { format!("{v} obj") } else { format!("{noun} {}", if *upos == "ADJ" { "amod" } else { "compound" }) };
        rows.push_str(&format!("{w} {w} {upos} X {rel}\n"));
    }
    rows.push_str(tail);
    // The subject hangs on the verb.
    rows.replacen("Arnor Arnor PROPN NNP 0 nsubj", &format!("Arnor Arnor PROPN NNP {v} nsubj"), 1)
}

#[test]
fn words_joined_by_an_underscore_are_consecutive_words() {
    // `- * &TIETYPES_MEMOS FROM [911]`: the synonym set's word right before `memos`.
    let from = |n: usize| format!("from from ADP IN {} case\nGondor Gondor PROPN NNP {} nmod\n", n + 1, n - 1);
    let ev = code_tiny(GLUE_VERBS, TINY_ACTORS, &glue_rows(&[], ("welcomed", "welcome"), &[("cultural", "ADJ"), ("memos", "NOUN")], &from(5)), |_| {});
    assert!(ev.iter().any(|e| e.cameo == "911" && e.target.as_ref().is_some_and(|t| t.code == "GON")), "{}", show(&ev));
    // "cultural internal memos": `internal` between them, so the block's own code.
    let ev = code_tiny(GLUE_VERBS, TINY_ACTORS, &glue_rows(&[], ("welcomed", "welcome"), &[("cultural", "ADJ"), ("internal", "ADJ"), ("memos", "NOUN")], &from(6)), |_| {});
    assert!(ev.iter().any(|e| e.cameo == "041") && !ev.iter().any(|e| e.cameo == "911"), "{}", show(&ev));
    // `NEW_&TIETYPES_RELATIONS`: "new military relations", not "new global military relations".
    let ev = code_tiny(GLUE_VERBS, TINY_ACTORS, &glue_rows(&[], ("welcomed", "welcome"), &[("new", "ADJ"), ("military", "ADJ"), ("relations", "NOUN")], ""), |_| {});
    assert!(ev.iter().any(|e| e.cameo == "903"), "{}", show(&ev));
    let ev = code_tiny(GLUE_VERBS, TINY_ACTORS, &glue_rows(&[], ("welcomed", "welcome"), &[("new", "ADJ"), ("global", "ADJ"), ("military", "ADJ"), ("relations", "NOUN")], ""), |_| {});
    assert!(!ev.iter().any(|e| e.cameo == "903"), "{}", show(&ev));
}

#[test]
fn a_word_joined_to_the_verb_is_next_to_it() {
    // `- RECENTLY_* [025]`: "Arnor recently met Gondor", not "Arnor recently has met Gondor".
    let ev = code_tiny(GLUE_VERBS, TINY_ACTORS, &glue_rows(&["recently"], ("met", "meet"), &[("Gondor", "PROPN")], ""), |_| {});
    assert!(ev.iter().any(|e| e.cameo == "025"), "{}", show(&ev));
    let ev = code_tiny(GLUE_VERBS, TINY_ACTORS, &glue_rows(&["recently", "has"], ("met", "meet"), &[("Gondor", "PROPN")], ""), |_| {});
    assert!(ev.iter().any(|e| e.cameo == "040") && !ev.iter().any(|e| e.cameo == "025"), "{}", show(&ev));
    // `TO_+`: the target's noun phrase may begin with a determiner and modifiers.
    let tail = "to to ADP IN 7 case\nthe the DET DT 7 det\nbesieged besieged ADJ JJ 7 amod\nGondor Gondor PROPN NNP 3 nmod\n";
    let ev = code_tiny(GLUE_VERBS, TINY_ACTORS, &glue_rows(&[], ("met", "meet"), &[("visit", "NOUN")], tail), |_| {});
    assert!(ev.iter().any(|e| e.cameo == "036" && e.target.as_ref().is_some_and(|t| t.code == "GON")), "{}", show(&ev));
}

#[test]
fn a_dictionary_code_for_saying_counts_only_when_asked_and_when_nothing_else_is_said() {
    // PETRARCH's test dictionary codes `SAID` 023.
    let verbs = "--- SAID  [023]  ---\nSAID\n\n--- MEET  [040] ---\nMEET\n";
    let alone = "Arnor Arnor PROPN NNP 2 nsubj
         said say VERB VBD 0 root
         so so ADV RB 2 advmod
         . . PUNCT . 2 punct";
    let ev = code_tiny(verbs, TINY_ACTORS, alone, |_| {});
    assert!(ev.is_empty(), "no event for a plain 'said' by default: {}", show(&ev));
    let ev = code_tiny(verbs, TINY_ACTORS, alone, |o| o.speech_verb_codes = true);
    assert!(ev.iter().any(|e| e.source.code == "ARN" && e.cameo == "023"), "{}", show(&ev));
    // What was said codes the event; the saying yields.
    let content = "Gondor Gondor PROPN NNP 2 nsubj
         met meet VERB VBD 0 root
         Eriador Eriador PROPN NNP 2 obj
         , , PUNCT , 6 punct
         Arnor Arnor PROPN NNP 6 nsubj
         said say VERB VBD 2 parataxis
         . . PUNCT . 2 punct";
    let ev = code_tiny(verbs, TINY_ACTORS, content, |o| o.speech_verb_codes = true);
    assert!(ev.iter().any(|e| e.source.code == "GON" && e.cameo == "040") && !ev.iter().any(|e| e.cameo == "023"), "{}", show(&ev));
}

#[test]
fn a_participle_under_a_root_noun_is_the_main_verb() {
    // The parser made the subject the root and hung the verb under it as a
    // reduced relative; in a sentence with a full stop it is the main verb.
    let ev = code(
        "Senior senior ADJ JJ 5 amod
         Greek greek ADJ JJ 5 amod
         and and CCONJ CC 4 cc
         Turkish turkish ADJ JJ 2 conj
         officials official NOUN NNS 0 root
         agreed agree VERB VBN 5 acl
         on on ADP IN 9 case
         a a DET DT 9 det
         truce truce NOUN NN 6 obl
         . . PUNCT . 5 punct",
    );
    assert!(has(&ev, "GRC", &["03"], None) && has(&ev, "TUR", &["03"], None), "{}", show(&ev));
    // A headline keeps its reduced passive: the soldiers are not the source.
    let ev = code(
        "Three three NUM CD 3 nummod
         Egyptian egyptian ADJ JJ 3 amod
         soldiers soldier NOUN NNS 0 root
         killed kill VERB VBN 3 acl
         in in ADP IN 6 case
         attack attack NOUN NN 4 obl",
    );
    assert!(!ev.iter().any(|e| e.source.code.starts_with("EGY")), "{}", show(&ev));
}

#[test]
fn a_negated_acceptance_or_announced_cooperation_is_a_refusal() {
    let ev = code(
        "Jordan Jordan PROPN NNP 4 nsubj
         will will AUX MD 4 aux
         not not PART RB 4 advmod
         accept accept VERB VB 0 root
         more more ADJ JJR 6 amod
         refugees refugee NOUN NNS 4 obj
         . . PUNCT . 4 punct",
    );
    assert!(has(&ev, "JOR", &["12"], None), "{}", show(&ev));
    assert!(ev.iter().all(|e| !e.negated && e.plover.as_ref().is_some_and(|p| p.kind == "REJECT")), "{}", show(&ev));
    let ev = code(
        "Israel Israel PROPN NNP 4 nsubj
         will will AUX MD 4 aux
         not not PART RB 4 advmod
         withdraw withdraw VERB VB 0 root
         its its PRON PRP$ 6 nmod:poss
         troops troop NOUN NNS 4 obj
         from from ADP IN 8 case
         Lebanon Lebanon PROPN NNP 4 obl
         . . PUNCT . 4 punct",
    );
    assert!(ev.iter().any(|e| e.source.code.starts_with("ISR") && e.plover.as_ref().is_some_and(|p| p.kind == "REJECT")), "{}", show(&ev));
    // A past act that did not happen is no refusal: not coded.
    let ev = code(
        "Egypt Egypt PROPN NNP 4 nsubj
         did do AUX VBD 4 aux
         not not PART RB 4 advmod
         attend attend VERB VB 0 root
         the the DET DT 6 det
         meeting meeting NOUN NN 4 obj
         . . PUNCT . 4 punct",
    );
    assert!(ev.is_empty(), "{}", show(&ev));
}

#[test]
fn a_suspension_of_links_is_a_sanction_of_hostilities_a_truce() {
    let ev = code(
        "Italy Italy PROPN NNP 2 nsubj
         announced announce VERB VBD 0 root
         a a DET DT 4 det
         suspension suspension NOUN NN 2 obj
         of of ADP IN 7 case
         air air NOUN NN 7 compound
         links link NOUN NNS 4 nmod
         with with ADP IN 9 case
         Serbia Serbia PROPN NNP 7 nmod
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.source.code == "ITA" && e.plover.as_ref().is_some_and(|p| p.kind == "SANCTION")), "{}", show(&ev));
    let ev = code(
        "Russia Russia PROPN NNP 2 nsubj
         suspended suspend VERB VBD 0 root
         its its PRON PRP$ 4 nmod:poss
         offensive offensive NOUN NN 2 obj
         in in ADP IN 6 case
         Chechnya Chechnya PROPN NNP 4 nmod
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "RUS", &["08"], None) || has(&ev, "RUS", &["08"], Some("RUS")), "{}", show(&ev));
}

#[test]
fn herald_verbs_hand_over_and_demobilize() {
    let ev = code(
        "Libya Libya PROPN NNP 2 nsubj
         handed hand VERB VBD 0 root
         over over ADP RP 2 compound:prt
         two two NUM CD 5 nummod
         suspects suspect NOUN NNS 2 obj
         to to ADP IN 7 case
         Britain Britain PROPN NNP 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.source.code == "LBY" && e.trigger.text.as_deref() == Some("handed over") && e.target.as_ref().is_some_and(|t| t.code == "GBR")), "{}", show(&ev));
    let ev = code(
        "Angola Angola PROPN NNP 2 nsubj
         demobilized demobilize VERB VBD 0 root
         its its PRON PRP$ 4 nmod:poss
         troops troop NOUN NNS 2 obj
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.source.code.starts_with("AGO") && e.cameo == "0873"), "{}", show(&ev));
}

#[test]
fn fighting_between_two_parties_codes_them_not_the_subject() {
    let ev = code(
        "Russia Russia PROPN NNP 2 nsubj
         closed close VERB VBD 0 root
         its its PRON PRP$ 4 nmod:poss
         border border NOUN NN 2 obj
         because because ADP IN 7 case
         of of ADP IN 5 fixed
         fighting fight VERB VBG 2 advcl
         between between ADP IN 9 case
         Azerbaijanis Azerbaijani PROPN NNPS 7 obl
         and and CCONJ CC 11 cc
         Armenians Armenian PROPN NNPS 9 conj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "AZE", &["19"], Some("ARM")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.source.code.starts_with("RUS") && e.cameo_root == "19"), "{}", show(&ev));
}

#[test]
fn what_is_rejected_is_not_an_act_of_its_own() {
    // "rejected a US offer to host a summit": the offer and the summit are
    // what is rejected, not events of the United States.
    let ev = code(
        "Syria Syria PROPN NNP 2 nsubj
         rejected reject VERB VBD 0 root
         a a DET DT 5 det
         US US PROPN NNP 5 compound
         offer offer NOUN NN 2 obj
         to to PART TO 7 mark
         host host VERB VB 5 acl
         talks talk NOUN NNS 7 obj
         with with ADP IN 10 case
         Israel Israel PROPN NNP 7 obl
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "SYR", &["12"], Some("USA")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.source.code.starts_with("USA")), "{}", show(&ev));
    // A reason given beside a rejection stays an event of its own.
    let ev = code(
        "Syria Syria PROPN NNP 2 nsubj
         criticized criticize VERB VBD 0 root
         Israel Israel PROPN NNP 2 obj
         for for SCONJ IN 5 mark
         attacking attack VERB VBG 2 advcl
         Lebanon Lebanon PROPN NNP 5 obj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "SYR", &["11", "12"], Some("ISR")), "{}", show(&ev));
}

#[test]
fn what_a_demand_asks_for_is_not_coded() {
    // "Greece demanded that its partners refuse to recognize Macedonia": the
    // demand is the event; the refusal it asks for has not happened.
    let ev = code(
        "Greece Greece PROPN NNP 2 nsubj
         demanded demand VERB VBD 0 root
         that that SCONJ IN 6 mark
         the the DET DT 5 det
         Community Community PROPN NNP 6 nsubj
         refuse refuse VERB VBP 2 ccomp
         to to PART TO 8 mark
         recognize recognize VERB VB 6 xcomp
         Macedonia Macedonia PROPN NNP 8 obj
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.source.code.starts_with("GRC") && e.cameo_root == "10"), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.cameo_root == "12"), "{}", show(&ev));
}

#[test]
fn a_year_discards_the_clause_it_dates_not_the_sentence() {
    // Phoenix discards sentences with a bare year as history; the year dates
    // the bombing, not the offer.
    let ev = code(
        "Libya Libya PROPN NNP 2 nsubj
         offered offer VERB VBD 0 root
         to to PART TO 4 mark
         hand hand VERB VB 2 xcomp
         over over ADP RP 4 compound:prt
         two two NUM CD 7 nummod
         suspects suspect NOUN NNS 4 obj
         to to ADP IN 9 case
         Britain Britain PROPN NNP 4 obl
         who who PRON WP 11 nsubj
         bombed bomb VERB VBD 7 acl:relcl
         Scotland Scotland PROPN NNP 11 obj
         in in ADP IN 14 case
         1988 1988 NUM CD 11 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.source.code == "LBY" && e.target.as_ref().is_some_and(|t| t.code == "GBR")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.cameo_root == "18" || e.cameo_root == "19"), "{}", show(&ev));
    // A sentence whose main act the year dates stays discarded.
    let ev = code(
        "Libya Libya PROPN NNP 2 nsubj
         bombed bomb VERB VBD 0 root
         Chad Chad PROPN NNP 2 obj
         in in ADP IN 5 case
         1988 1988 NUM CD 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.is_empty(), "{}", show(&ev));
}

#[test]
fn years_ago_discards_the_clause_it_dates() {
    // "paid compensation ... for assets they lost when Amin expelled them 18
    // years ago": the payment is news, the expulsion history.
    let ev = code(
        "Uganda Uganda PROPN NNP 2 nsubj
         paid pay VERB VBD 0 root
         compensation compensation NOUN NN 2 obj
         to to ADP IN 5 case
         Britain Britain PROPN NNP 2 obl
         when when ADV WRB 8 advmod
         Kenya Kenya PROPN NNP 8 nsubj
         expelled expel VERB VBD 2 advcl
         Britons Briton PROPN NNPS 8 obj
         18 18 NUM CD 11 nummod
         years year NOUN NNS 12 obl:npmod
         ago ago ADV RB 8 advmod
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "UGA", &["08"], Some("GBR")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.source.code.starts_with("KEN")), "{}", show(&ev));
}

#[test]
fn a_resignation_is_plover_retreat_resign() {
    let ev = code(
        "The the DET DT 3 det
         Egyptian egyptian ADJ JJ 3 amod
         government government NOUN NN 4 nsubj
         resigned resign VERB VBD 0 root
         . . PUNCT . 4 punct",
    );
    let e = ev.iter().find(|e| e.source.code.starts_with("EGY")).unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.cameo_root, "08", "{}", show(&ev));
    let p = e.plover.as_ref().expect("plover");
    assert_eq!((p.kind.as_str(), p.mode.as_deref()), ("RETREAT", Some("resign")));
    // Another act of yielding keeps CAMEO2PLOVER's reading.
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         yielded yield VERB VBD 0 root
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().all(|e| e.plover.as_ref().is_none_or(|p| p.mode.as_deref() != Some("resign"))), "{}", show(&ev));
}

/// "Moody Awori rejected the plan of Uganda." Phoenix codes Awori only for
/// 2003-01-01..2008-02-29 (KENGOV), with no default code.
const AWORI: &str = "Moody Moody PROPN NNP 3 nsubj
         Awori Awori PROPN NNP 1 flat
         rejected reject VERB VBD 0 root
         the the DET DT 5 det
         plan plan NOUN NN 3 obj
         of of ADP IN 7 case
         Uganda Uganda PROPN NNP 5 nmod
         . . PUNCT . 3 punct";

#[test]
fn an_undated_document_codes_a_former_official_by_his_last_code() {
    // Undated: the code that started last, as the actor layer and the
    // lexicon format have it (not "no code today").
    let ev = code(AWORI);
    assert!(has(&ev, "KENGOV", &["12"], Some("UGA")), "{}", show(&ev));
    // Dated: the code in force that day, and none outside the range.
    let ev = code_with(AWORI, Some("2005-06-01"));
    assert!(has(&ev, "KENGOV", &["12"], Some("UGA")), "{}", show(&ev));
    let ev = code_with(AWORI, Some("2015-06-01"));
    assert!(!ev.iter().any(|e| e.source.code.starts_with("KEN")), "{}", show(&ev));
}

/// A phrasal pattern (a verb and its particle only, `- * TO [030] # HEAD`)
/// is an idiom of the verb it was written for: "headed to" is HEAD's, not
/// ORDER's, a verb of the same block ("ordered Peru to withdraw" is ORDER's
/// own demand, 100). A pattern naming an actor after its preposition (`- *
/// FROM + [0874] # RETREAT`) still reads for the block's synonyms
/// ("withdrew from"). PETRARCH applies every pattern to every verb.
#[test]
fn a_phrasal_pattern_is_its_own_verbs_idiom() {
    let ordered = "Chile Chile PROPN NNP 2 nsubj
         ordered order VERB VBD 0 root
         Peru Peru PROPN NNP 2 obj
         to to PART TO 5 mark
         withdraw withdraw VERB VB 2 xcomp
         . . PUNCT . 2 punct";
    let ev = code(ordered);
    assert!(has(&ev, "CHL", &["10"], Some("PER")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.cameo == "030"), "{}", show(&ev));
    let ev = code_opts(ordered, |o| o.block_patterns = true);
    assert!(ev.iter().any(|e| e.cameo == "030"), "{}", show(&ev));
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         withdrew withdraw VERB VBD 0 root
         from from ADP IN 4 case
         Peru Peru PROPN NNP 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.cameo == "0874" && e.target.as_ref().is_some_and(|t| t.code == "PER")), "{}", show(&ev));
}

/// A discard naming a time before the story ("World War Two") drops the
/// clause it dates, as a bare year does; the sentence's act of today stays.
#[test]
fn a_dating_discard_drops_the_clause_it_dates() {
    let ev = code(
        "Greece Greece PROPN NNP 2 nsubj
         demanded demand VERB VBD 0 root
         compensation compensation NOUN NN 2 obj
         from from ADP IN 5 case
         Germany Germany PROPN NNP 2 obl
         , , PUNCT , 8 punct
         which which PRON WDT 8 nsubj
         occupied occupy VERB VBD 5 acl:relcl
         Greece Greece PROPN NNP 8 obj
         during during ADP IN 13 case
         World World PROPN NNP 13 compound
         War War PROPN NNP 13 compound
         Two Two PROPN NNP 8 obl
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "GRC", &["10"], Some("DEU")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.source.code.starts_with("DEU")), "{}", show(&ev));
    let ev = code(
        "Germany Germany PROPN NNP 2 nsubj
         occupied occupy VERB VBD 0 root
         Greece Greece PROPN NNP 2 obj
         during during ADP IN 7 case
         World World PROPN NNP 7 compound
         War War PROPN NNP 7 compound
         Two Two PROPN NNP 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.is_empty(), "{}", show(&ev));
}

/// A `that` clause with no subject, whose noun before the verb the parser
/// hung as an oblique without a preposition: that noun is the subject (the
/// one demanded of).
#[test]
fn a_caseless_oblique_before_a_that_clauses_verb_is_its_subject() {
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         demanded demand VERB VBD 0 root
         that that SCONJ IN 8 mark
         the the DET DT 5 det
         Republic Republic PROPN NNP 8 obl
         of of ADP IN 7 case
         Peru Peru PROPN NNP 5 nmod
         withdraw withdraw VERB VB 2 ccomp
         its its PRON PRP$ 10 nmod:poss
         troops troop NOUN NNS 8 obj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "CHL", &["10"], Some("PER")), "{}", show(&ev));
}

/// A subject that names no actor yields to the other subject of its clause:
/// a controlling object ("dispatched inspectors to monitor") acts for the
/// one who sent it, and of two subjects of one misparsed noun phrase the
/// one with an actor is the source.
#[test]
fn an_agent_only_subject_yields_to_the_actor_of_its_clause() {
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         dispatched dispatch VERB VBD 0 root
         inspectors inspector NOUN NNS 2 obj
         to to PART TO 5 mark
         monitor monitor VERB VB 2 xcomp
         Peru Peru PROPN NNP 5 obj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "CHL", &["09"], Some("PER")), "{}", show(&ev));
    let ev = code(
        "The the DET DT 2 det
         rebels rebel NOUN NNS 4 nsubj
         Hezbollah Hezbollah PROPN NNP 4 nsubj
         attacked attack VERB VBD 0 root
         Israel Israel PROPN NNP 4 obj
         . . PUNCT . 4 punct",
    );
    assert!(ev.iter().any(|e| e.source.code.starts_with("LBN") && e.target.as_ref().is_some_and(|t| t.code.starts_with("ISR"))), "{}", show(&ev));
}

/// Swearing to do something is a vow: the act is announced (a future attack
/// is a threat), not SWEAR's allegation (110).
#[test]
fn swearing_to_act_is_a_vow() {
    let ev = code(
        "Chile Chile PROPN NNP 3 nsubj
         has have AUX VBZ 3 aux
         sworn swear VERB VBN 0 root
         to to PART TO 5 mark
         attack attack VERB VB 3 xcomp
         Peru Peru PROPN NNP 5 obj
         . . PUNCT . 3 punct",
    );
    assert!(has(&ev, "CHL", &["13"], Some("PER")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.cameo_root == "11" || e.cameo_root == "18"), "{}", show(&ev));
}

/// An announced resignation is a resignation (PLOVER RETREAT `resign`), not
/// future cooperation (AGREE).
#[test]
fn an_announced_resignation_is_a_resignation() {
    let ev = code(
        "The the DET DT 2 det
         government government NOUN NN 6 nsubj
         of of ADP IN 4 case
         Egypt Egypt PROPN NNP 2 nmod
         will will AUX MD 6 aux
         resign resign VERB VB 0 root
         . . PUNCT . 6 punct",
    );
    let e = ev.iter().find(|e| e.source.code.starts_with("EGY")).unwrap_or_else(|| panic!("{}", show(&ev)));
    let p = e.plover.as_ref().expect("plover");
    assert_eq!((p.kind.as_str(), p.mode.as_deref()), ("RETREAT", Some("resign")), "{}", show(&ev));
}

/// What must be done is demanded, down its chain of control: "Peru must try
/// to help Bolivia" asserts no aid.
#[test]
fn a_must_clauses_complement_is_demanded() {
    let ev = code(
        "Peru Peru PROPN NNP 3 nsubj
         must must AUX MD 3 aux
         try try VERB VB 0 root
         to to PART TO 5 mark
         help help VERB VB 3 xcomp
         Bolivia Bolivia PROPN NNP 5 obj
         . . PUNCT . 3 punct",
    );
    assert!(!ev.iter().any(|e| e.cameo_root == "07"), "{}", show(&ev));
    // ... and the purpose of what must be done: "Peru must send money to help Bolivia".
    let ev = code(
        "Peru Peru PROPN NNP 3 nsubj
         must must AUX MD 3 aux
         send send VERB VB 0 root
         money money NOUN NN 3 obj
         to to PART TO 6 mark
         help help VERB VB 3 advcl
         Bolivia Bolivia PROPN NNP 6 obj
         . . PUNCT . 3 punct",
    );
    assert!(!ev.iter().any(|e| e.trigger.text.as_deref() == Some("help")), "{}", show(&ev));
}

/// "Parties in Nepal have organized a general strike."
const NEPAL_STRIKE: &str = "Parties party NOUN NNS 5 nsubj
         in in ADP IN 3 case
         Nepal Nepal PROPN NNP 1 nmod
         have have AUX VBP 5 aux
         organized organize VERB VBN 0 root
         a a DET DT 8 det
         general general ADJ JJ 8 amod
         strike strike NOUN NN 5 obj
         . . PUNCT . 5 punct";

/// Verbs of holding, opening or completing an act code the act their
/// object names: talks (046), an investigation (09), a withdrawal (by the
/// withdrawal patterns: troops, 0874), a general or hunger strike (14);
/// "launched a strike" is no labour strike.
#[test]
fn holding_or_completing_an_act_codes_the_act() {
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         conducted conduct VERB VBD 0 root
         talks talk NOUN NNS 2 obj
         with with ADP IN 5 case
         Israel Israel PROPN NNP 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "EGY", &["04"], Some("ISR")), "{}", show(&ev));
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         opened open VERB VBD 0 root
         an a DET DT 4 det
         investigation investigation NOUN NN 2 obj
         into into ADP IN 6 case
         Peru Peru PROPN NNP 4 nmod
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "CHL", &["09"], Some("PER")), "{}", show(&ev));
    let ev = code(
        "Russia Russia PROPN NNP 2 nsubj
         completed complete VERB VBD 0 root
         the the DET DT 4 det
         withdrawal withdrawal NOUN NN 2 obj
         of of ADP IN 7 case
         its its PRON PRP$ 7 nmod:poss
         troops troop NOUN NNS 4 nmod
         from from ADP IN 9 case
         Georgia Georgia PROPN NNP 4 nmod
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.cameo == "0874" && e.source.code.starts_with("RUS") && e.target.as_ref().is_some_and(|t| t.code == "GEO")), "{}", show(&ev));
    let ev = code(NEPAL_STRIKE);
    assert!(has(&ev, "NPL", &["14"], Some("NPL")), "{}", show(&ev));
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         launched launch VERB VBD 0 root
         a a DET DT 4 det
         strike strike NOUN NN 2 obj
         on on ADP IN 6 case
         Libya Libya PROPN NNP 4 nmod
         . . PUNCT . 2 punct",
    );
    assert!(!ev.iter().any(|e| e.cameo_root == "14"), "{}", show(&ev));
}

/// Issuing a statement is making one (not coded); what it says is the event.
#[test]
fn issuing_a_statement_is_no_act() {
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         issued issue VERB VBD 0 root
         a a DET DT 4 det
         statement statement NOUN NN 2 obj
         . . PUNCT . 2 punct",
    );
    assert!(ev.is_empty(), "{}", show(&ev));
}

/// Dismissing an appeal is rejecting it (12); dismissing a charge stays DISMISS's 110.
#[test]
fn dismissing_a_proposal_is_rejecting_it() {
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         dismissed dismiss VERB VBD 0 root
         an a DET DT 4 det
         appeal appeal NOUN NN 2 obj
         from from ADP IN 6 case
         Peru Peru PROPN NNP 4 nmod
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "CHL", &["12"], Some("PER")), "{}", show(&ev));
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         dismissed dismiss VERB VBD 0 root
         the the DET DT 4 det
         charges charge NOUN NNS 2 obj
         of of ADP IN 6 case
         Peru Peru PROPN NNP 4 nmod
         . . PUNCT . 2 punct",
    );
    assert!(!ev.iter().any(|e| e.cameo_root == "12"), "{}", show(&ev));
}

/// A `to` clause of a verb of asking is what is asked, however the parser
/// hung it (an `advcl` here): not an act of its own.
#[test]
fn a_to_clause_of_asking_is_demanded() {
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         called call VERB VBD 0 root
         on on ADP IN 4 case
         Libya Libya PROPN NNP 2 obl
         to to PART TO 6 mark
         meet meet VERB VB 2 advcl
         Chile Chile PROPN NNP 6 obj
         . . PUNCT . 2 punct",
    );
    assert!(!ev.iter().any(|e| e.cameo_root == "04" && e.source.code.starts_with("LBY")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.trigger.text.as_deref() == Some("meet")), "{}", show(&ev));
}

/// A dating discard in a clause with its own subject that modifies a noun
/// of the main clause dates that clause only.
#[test]
fn a_dated_noun_clause_leaves_its_main_clause() {
    let ev = code(
        "Poland Poland PROPN NNP 2 nsubj
         demanded demand VERB VBD 0 root
         an a DET DT 4 det
         admission admission NOUN NN 2 obj
         by by ADP IN 6 case
         Russia Russia PROPN NNP 4 nmod
         that that SCONJ IN 9 mark
         troops troop NOUN NNS 9 nsubj
         killed kill VERB VBD 4 acl
         officers officer NOUN NNS 9 obj
         during during ADP IN 14 case
         World World PROPN NNP 14 compound
         War War PROPN NNP 14 compound
         Two Two PROPN NNP 9 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.source.code.starts_with("POL") && e.target.as_ref().is_some_and(|t| t.code.starts_with("RUS"))), "{}", show(&ev));
    assert!(!ev.iter().any(|e| matches!(e.cameo_root.as_str(), "18" | "19" | "20")), "{}", show(&ev));
}

/// Blowing up a thing is destroying property (1712, PLOVER COERCE
/// `destroy`); blowing up people stays an attack.
#[test]
fn blowing_up_a_thing_is_destroying_property() {
    let ev = code(
        "Rebels rebel NOUN NNS 5 nsubj
         in in ADP IN 3 case
         Peru Peru PROPN NNP 1 nmod
         have have AUX VBP 5 aux
         blown blow VERB VBN 0 root
         up up ADP RP 5 compound:prt
         a a DET DT 9 det
         power power NOUN NN 9 compound
         line line NOUN NN 5 obj
         . . PUNCT . 5 punct",
    );
    let e = ev.iter().find(|e| e.source.code.starts_with("PER")).unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.cameo, "1712", "{}", show(&ev));
    assert_eq!(e.plover.as_ref().map(|p| p.kind.as_str()), Some("COERCE"), "{}", show(&ev));
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         bombed bomb VERB VBD 0 root
         Peru Peru PROPN NNP 2 obj
         . . PUNCT . 2 punct",
    );
    assert!(!ev.iter().any(|e| e.cameo == "1712"), "{}", show(&ev));
}

/// Preparing to attack is a force posture (15, PLOVER MOBILIZE), not an
/// intent to cooperate; preparing to talk stays one.
#[test]
fn preparing_to_attack_is_mobilizing() {
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         prepared prepare VERB VBD 0 root
         to to PART TO 4 mark
         attack attack VERB VB 2 xcomp
         Peru Peru PROPN NNP 4 obj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "CHL", &["15"], Some("PER")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.cameo_root == "03"), "{}", show(&ev));
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         prepared prepare VERB VBD 0 root
         to to PART TO 4 mark
         meet meet VERB VB 2 xcomp
         Peru Peru PROPN NNP 4 obj
         . . PUNCT . 2 punct",
    );
    assert!(!ev.iter().any(|e| e.cameo_root == "15"), "{}", show(&ev));
    // A modifier inside the complement is not what is prepared ("to deliver a
    // record-breaking budget").
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         prepared prepare VERB VBD 0 root
         to to PART TO 4 mark
         deliver deliver VERB VB 2 xcomp
         a a DET DT 8 det
         record record NOUN NN 7 compound
         breaking break VERB VBG 8 amod
         budget budget NOUN NN 4 obj
         . . PUNCT . 2 punct",
    );
    assert!(!ev.iter().any(|e| e.cameo_root == "15"), "{}", show(&ev));
}

/// The purpose of a protest ("held a rally to protest X") is what is
/// protested: no second act coded from the verb "protest".
#[test]
fn the_purpose_of_a_protest_is_no_second_act() {
    let ev = code(
        "Students student NOUN NNS 4 nsubj
         in in ADP IN 3 case
         Chile Chile PROPN NNP 1 nmod
         held hold VERB VBD 0 root
         a a DET DT 6 det
         rally rally NOUN NN 4 obj
         to to PART TO 8 mark
         protest protest VERB VB 4 advcl
         the the DET DT 10 det
         decision decision NOUN NN 8 obj
         of of ADP IN 12 case
         Peru Peru PROPN NNP 10 nmod
         . . PUNCT . 4 punct",
    );
    assert!(ev.iter().any(|e| e.cameo_root == "14"), "{}", show(&ev));
    assert!(ev.iter().all(|e| e.cameo_root == "14"), "{}", show(&ev));
}

/// A protest by a state's people or parties that names no one is against
/// their own government (PLOVER); a government's act keeps no such target.
#[test]
fn a_domestic_protest_targets_its_own_government() {
    let ev = code(NEPAL_STRIKE);
    assert!(has(&ev, "NPL", &["14"], Some("NPLGOV")), "{}", show(&ev));
    // With PETRARCH's conventions no target is made up.
    let ev = code_opts(
        NEPAL_STRIKE,
        |o| *o = herald_extract::events::Options::petrarch(),
    );
    assert!(!ev.iter().any(|e| e.target.as_ref().is_some_and(|t| t.code == "NPLGOV")), "{}", show(&ev));
}

/// A threat is made to the one its condition names ("threatened to quit the
/// talks if Peru deploys troops").
#[test]
fn a_threat_targets_the_actor_of_its_condition() {
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         threatened threaten VERB VBD 0 root
         to to PART TO 4 mark
         quit quit VERB VB 2 xcomp
         the the DET DT 6 det
         talks talk NOUN NNS 4 obj
         if if SCONJ IN 9 mark
         Peru Peru PROPN NNP 9 nsubj
         deploys deploy VERB VBZ 4 advcl
         troops troop NOUN NNS 9 obj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "CHL", &["13"], Some("PER")), "{}", show(&ev));
}

/// A demonym naming a language is no actor ("restrictions on the Russian
/// language" are not on Russia).
#[test]
fn a_language_is_not_its_state() {
    let ev = code(
        "Latvia Latvia PROPN NNP 2 nsubj
         lifted lift VERB VBD 0 root
         restrictions restriction NOUN NNS 2 obj
         on on ADP IN 7 case
         the the DET DT 7 det
         Russian Russian ADJ JJ 7 amod
         language language NOUN NN 3 nmod
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.source.code.starts_with("LVA")), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.target.as_ref().is_some_and(|t| t.code.starts_with("RUS"))), "{}", show(&ev));
}

/// The actors of a concession are not the verb's target: "declared a
/// ceasefire despite attacks by Syria", "agreed despite Israel's objection".
#[test]
fn an_actor_of_a_concession_is_no_target() {
    let ev = code(
        "Hezbollah Hezbollah PROPN NNP 2 nsubj
         declared declare VERB VBD 0 root
         a a DET DT 4 det
         ceasefire ceasefire NOUN NN 2 obj
         despite despite ADP IN 6 case
         attacks attack NOUN NNS 2 obl
         by by ADP IN 8 case
         Syria Syria PROPN NNP 6 nmod
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.cameo_root == "08"), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.target.as_ref().is_some_and(|t| t.code.starts_with("SYR"))), "{}", show(&ev));
    let ev = code(
        "Egypt Egypt PROPN NNP 2 nsubj
         agreed agree VERB VBD 0 root
         despite despite ADP IN 5 case
         Israel Israel PROPN NNP 5 nmod:poss
         objections objection NOUN NNS 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.cameo_root == "03"), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.target.as_ref().is_some_and(|t| t.code.starts_with("ISR"))), "{}", show(&ev));
}

/// "Kampuchean" (Cambodia 1975-1989) is Cambodia's demonym.
#[test]
fn kampuchean_is_cambodian() {
    let ev = code(
        "Vietnam Vietnam PROPN NNP 2 nsubj
         attacked attack VERB VBD 0 root
         Kampuchean Kampuchean ADJ JJ 4 amod
         camps camp NOUN NNS 2 obj
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "VNM", &["19", "18"], Some("KHM")), "{}", show(&ev));
}

/// A unilateral act has no target: "declared a unilateral ceasefire in
/// Lebanon"; opposing a planned deployment is rejecting it.
#[test]
fn a_unilateral_act_has_no_target_and_opposing_a_plan_rejects_it() {
    let ev = code(
        "Syria Syria PROPN NNP 2 nsubj
         declared declare VERB VBD 0 root
         a a DET DT 5 det
         unilateral unilateral ADJ JJ 5 amod
         ceasefire ceasefire NOUN NN 2 obj
         with with ADP IN 7 case
         Israel Israel PROPN NNP 5 nmod
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.source.code.starts_with("SYR") && e.cameo_root == "08" && e.target.is_none()), "{}", show(&ev));
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         opposed oppose VERB VBD 0 root
         the the DET DT 4 det
         deployment deployment NOUN NN 2 obj
         of of ADP IN 6 case
         Peru Peru PROPN NNP 4 nmod
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.cameo_root == "12"), "{}", show(&ev));
    assert!(!ev.iter().any(|e| e.cameo_root == "11"), "{}", show(&ev));
}

/// Sending arms to someone is military aid (072), not DEPLOY * ARMS's
/// force posture (154); deploying arms stays one.
#[test]
fn sending_arms_to_someone_is_military_aid() {
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         sent send VERB VBD 0 root
         arms arm NOUN NNS 2 obj
         to to ADP IN 5 case
         Peru Peru PROPN NNP 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.cameo == "072" && e.target.as_ref().is_some_and(|t| t.code == "PER")), "{}", show(&ev));
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         deployed deploy VERB VBD 0 root
         arms arm NOUN NNS 2 obj
         . . PUNCT . 2 punct",
    );
    assert!(!ev.iter().any(|e| e.cameo == "072"), "{}", show(&ev));
}

/// A report placed before its verb of saying ("Zambia extradited X, an
/// official said"), whose subject the parser hung on "said", keeps it.
#[test]
fn a_report_before_its_verb_of_saying_keeps_its_subject() {
    let ev = code(
        "Zambia Zambia PROPN NNP 10 nsubj
         extradited extradite VERB VBD 10 ccomp
         a a DET DT 4 det
         militant militant NOUN NN 2 obj
         to to ADP IN 6 case
         Britain Britain PROPN NNP 2 obl
         , , PUNCT , 9 punct
         an a DET DT 9 det
         official official NOUN NN 4 appos
         said say VERB VBD 0 root
         . . PUNCT . 10 punct",
    );
    assert!(has(&ev, "ZMB", &["06"], Some("GBR")), "{}", show(&ev));
}

/// A purpose clause with no target is addressed to whom its verb's clause
/// acts on ("summoned Peru's ambassador to complain"); troops sent "to
/// fight" are no one fought.
#[test]
fn a_purpose_clause_is_addressed_to_the_object_of_its_verb() {
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         summoned summon VERB VBD 0 root
         Peru Peru PROPN NNP 5 nmod:poss
         's 's PART POS 3 case
         ambassador ambassador NOUN NN 2 obj
         to to PART TO 7 mark
         complain complain VERB VB 2 advcl
         . . PUNCT . 2 punct",
    );
    assert!(has(&ev, "CHL", &["11"], Some("PER")), "{}", show(&ev));
    // ... and the summoning is only its occasion.
    assert!(!ev.iter().any(|e| e.trigger.text.as_deref() == Some("summoned")), "{}", show(&ev));
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         sent send VERB VBD 0 root
         Chilean chilean ADJ JJ 4 amod
         troops troop NOUN NNS 2 obj
         to to PART TO 6 mark
         fight fight VERB VB 2 advcl
         . . PUNCT . 2 punct",
    );
    assert!(!ev.iter().any(|e| e.cameo_root == "19" && e.target.is_some()), "{}", show(&ev));
}

/// Withdrawing inspectors from a place is CAMEO 1662 (reducing relations),
/// announced a threat; withdrawing troops stays a retreat.
#[test]
fn withdrawing_inspectors_reduces_relations() {
    let ev = code(
        "Chile Chile PROPN NNP 3 nsubj
         will will AUX MD 3 aux
         withdraw withdraw VERB VB 0 root
         inspectors inspector NOUN NNS 3 obj
         from from ADP IN 6 case
         Peru Peru PROPN NNP 3 obl
         . . PUNCT . 3 punct",
    );
    assert!(has(&ev, "CHL", &["13"], Some("PER")), "{}", show(&ev));
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         withdrew withdraw VERB VBD 0 root
         inspectors inspector NOUN NNS 2 obj
         from from ADP IN 5 case
         Peru Peru PROPN NNP 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.cameo == "1662"), "{}", show(&ev));
    let ev = code(
        "Chile Chile PROPN NNP 2 nsubj
         withdrew withdraw VERB VBD 0 root
         troops troop NOUN NNS 2 obj
         from from ADP IN 5 case
         Peru Peru PROPN NNP 2 obl
         . . PUNCT . 2 punct",
    );
    assert!(ev.iter().any(|e| e.cameo_root == "08"), "{}", show(&ev));
}
