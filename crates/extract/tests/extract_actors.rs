//! Actor rules, each with its example sentences: titles and appositions give
//! people the lexicon does not know a role and a code; demonyms, possessives
//! and media descriptions are coded.

mod extract_common;

use extract_common::extractor;
use herald_extract::Worker;
use herald_text::Document;

/// (sentence, mention text, a code the actor must carry)
const CASES: &[(&str, &str, &str)] = &[
    // Titles: an unknown person takes the code of the office.
    ("U.S. special envoy John Marlowe said the talks had failed.", "John Marlowe", "USAGOV"),
    ("Egyptian Foreign Minister Karim Nassar met the delegation on Monday.", "Karim Nassar", "EGYGOV"),
    ("Kyrgyz Prime Minister Nikolai Tanaev received the observers.", "Nikolai Tanaev", "KGZGOV"),
    // A sector word before the title says more than the title.
    ("Kenyan opposition leader Joseph Kamau rejected the offer.", "Joseph Kamau", "KENOPP"),
    ("Somali rebel commander Ali Mahdi rejected the offer.", "Ali Mahdi", "SOMREB"),
    // Appositions: membership of an organisation gives its code.
    ("Kamal Yassin, a member of Hamas's Political Bureau, rejected the offer.", "Kamal Yassin", "PSEREBHMS"),
    // Demonyms and possessives.
    ("Israeli officials left Doha on Thursday.", "Israeli officials", "ISR"),
    ("Netanyahu's office announced its own withdrawal.", "Netanyahu", "ISRGOV"),
    // A person the lexicon knows by full name only, named by surname.
    ("President Mugabe rejected the offer.", "Mugabe", "ZWEGOV"),
    ("Chirac met the delegation on Monday.", "Chirac", "FRA"),
    // Plural demonyms the lexicon has only in the singular.
    ("Thousands of Iraqis protested in the capital.", "Iraqis", "IRQ"),
    ("Hundreds of Albanians fled across the border.", "Albanians", "ALB"),
    // Media described by their state.
    ("The report was carried by Egyptian state-affiliated Al Qahera News TV.", "Al Qahera News TV", "EGYMED"),
];

#[test]
fn every_actor_rule_example() {
    let mut w = Worker::new();
    let mut failures = Vec::new();
    for (text, mention, code) in CASES {
        let doc = Document { published: Some("2025-07-26".into()), ..Document::new("t", *text) };
        let x = extractor().extract(&doc, &mut w).expect("extract");
        let found = x.actors.iter().find(|a| a.mentions.iter().any(|m| m.text.contains(mention) || mention.contains(m.text.as_str()) && m.text.len() > 3));
        match found {
            Some(a) if a.codes.iter().any(|c| c == code) => {}
            Some(a) => failures.push(format!("{text}\n  {mention}: codes {:?}, want {code}", a.codes)),
            None => failures.push(format!("{text}\n  {mention}: no actor (actors: {:?})", x.actors.iter().map(|a| &a.name).collect::<Vec<_>>())),
        }
    }
    assert!(failures.is_empty(), "{} of {} fail:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

/// States whose code changed with their history (Kyrgyzstan was `USRKGZ`
/// until 1991) carry dated codes like people do; they are still states.
#[test]
fn states_with_dated_codes_are_states() {
    let mut w = Worker::new();
    for text in ["Kyrgyzstan and Kazakhstan signed a border deal.", "Ukraine's parliament met on Monday."] {
        let doc = Document { published: Some("2025-07-26".into()), ..Document::new("t", text) };
        let x = extractor().extract(&doc, &mut w).expect("extract");
        for a in x.actors.iter().filter(|a| a.codes.iter().any(|c| c.len() == 3)) {
            assert_eq!(serde_json::to_value(a.ty).unwrap(), "state", "{text}: {} is a {:?}", a.name, a.ty);
        }
        assert!(!x.actors.is_empty(), "{text}: no actor");
    }
}
