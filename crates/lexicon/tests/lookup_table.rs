//! The shipped default gives the right dated code for actors across their
//! role changes, and finds every actor of the seed article.

mod common;
use herald_lexicon::{Date, Lexicon};

/// (name as looked up, date, expected codes in force)
const TABLE: &[(&str, &str, &[&str])] = &[
    ("Benjamin Netanyahu", "2025-07-25", &["ISRGOV"]),
    ("Benjamin Netanyahu", "1997-01-01", &["ISRGOV"]),
    ("Benjamin Netanyahu", "2005-01-01", &["ISRELI"]),
    ("Benjamin Netanyahu", "2022-01-01", &["ISROPP"]),
    ("Benjamin Netanyahu", "2022-12-29", &["ISRGOV"]),
    ("Donald Trump", "2018-01-01", &["USAGOV"]),
    ("Donald Trump", "2021-01-20", &["USAELI"]),
    ("Donald Trump", "2025-01-19", &["USAELI"]),
    ("Donald Trump", "2025-01-20", &["USAGOV"]),
    ("Donald Trump", "2010-01-01", &["USABUS"]),
    ("Joe Biden", "2012-01-01", &["USAGOV"]),
    ("Joe Biden", "2019-01-01", &["USAELI"]),
    ("Joe Biden", "2023-01-01", &["USAGOV"]),
    ("Joe Biden", "2025-07-25", &["USAELI"]),
    ("Kamala Harris", "2019-01-01", &["USALEG"]),
    ("Kamala Harris", "2022-01-01", &["USAGOV"]),
    ("Kamala Harris", "2025-02-01", &["USAELI"]),
    ("JD Vance", "2024-01-01", &["USALEG"]),
    ("JD Vance", "2025-07-25", &["USAGOV"]),
    ("Marco Rubio", "2020-01-01", &["USALEG"]),
    ("Marco Rubio", "2025-07-25", &["USAGOV"]),
    ("Antony Blinken", "2023-01-01", &["USAGOV"]),
    ("Antony Blinken", "2025-07-25", &["USAELI"]),
    ("Steve Witkoff", "2024-06-01", &["USABUS"]),
    ("Steve Witkoff", "2025-07-25", &["USAGOV"]),
    ("Pete Hegseth", "2025-07-25", &["USAGOV"]),
    ("Naftali Bennett", "2022-01-01", &["ISRGOV"]),
    ("Naftali Bennett", "2023-01-01", &["ISRELI"]),
    ("Yair Lapid", "2022-08-01", &["ISRGOV"]),
    ("Yair Lapid", "2024-01-01", &["ISROPP"]),
    ("Benny Gantz", "2023-06-01", &["ISROPP"]),
    ("Benny Gantz", "2024-01-01", &["ISRGOV"]),
    ("Benny Gantz", "2024-07-01", &["ISROPP"]),
    ("Isaac Herzog", "2025-07-25", &["ISRGOV"]),
    ("Yoav Gallant", "2024-01-01", &["ISRGOV"]),
    ("Yoav Gallant", "2025-01-01", &["ISRELI"]),
    ("Itamar Ben-Gvir", "2025-02-01", &["ISRLEG"]),
    ("Itamar Ben-Gvir", "2025-07-25", &["ISRGOV"]),
    ("Bezalel Smotrich", "2025-07-25", &["ISRGOV"]),
    ("Izzat Al-Rishq", "2025-07-25", &["PSEREBHMS"]),
    ("Hamas", "2025-07-25", &["PSEREBHMS"]),
    ("Ismail Haniyeh", "2006-06-01", &["PSEGOV"]),
    ("Ismail Haniyeh", "2024-01-01", &["PSEREBHMS"]),
    ("Yahya Sinwar", "2024-09-01", &["PSEREBHMS"]),
    ("Khalil al-Hayya", "2025-07-25", &["PSEREBHMS"]),
    ("Mahmoud Abbas", "2025-07-25", &["PSEGOV"]),
    ("Mahmoud Abbas", "2004-01-01", &["PSEELI"]),
    ("Mohammad Mustafa", "2025-07-25", &["PSEGOV"]),
    ("Tamim bin Hamad Al Thani", "2025-07-25", &["QATGOV"]),
    ("Mohammed bin Abdulrahman Al Thani", "2025-07-25", &["QATGOV"]),
    ("Abdel Fattah el-Sisi", "2013-07-03", &["EGYMIL"]),
    ("Abdel Fattah el-Sisi", "2025-07-25", &["EGYGOV"]),
    ("Badr Abdelatty", "2025-07-25", &["EGYGOV"]),
    ("Vladimir Putin", "2010-01-01", &["RUSGOV"]),
    ("Vladimir Putin", "1995-01-01", &["RUSELI"]),
    ("Volodymyr Zelensky", "2018-01-01", &["UKRMED"]),
    ("Volodymyr Zelenskyy", "2025-07-25", &["UKRGOV"]),
    ("Xi Jinping", "2025-07-25", &["CHNGOV"]),
    ("Recep Tayyip Erdogan", "2025-07-25", &["TURGOV"]),
    ("Emmanuel Macron", "2025-07-25", &["FRAGOV"]),
    ("Emmanuel Macron", "2016-12-01", &["FRAELI"]),
    ("Keir Starmer", "2022-01-01", &["GBROPP"]),
    ("Keir Starmer", "2024-07-05", &["GBRGOV"]),
    ("Rishi Sunak", "2023-01-01", &["GBRGOV"]),
    ("Rishi Sunak", "2024-08-01", &["GBROPP"]),
    ("Rishi Sunak", "2025-07-25", &["GBRLEG"]),
    ("Olaf Scholz", "2023-01-01", &["DEUGOV"]),
    ("Olaf Scholz", "2025-07-25", &["DEULEG"]),
    ("Friedrich Merz", "2024-01-01", &["DEUOPP"]),
    ("Friedrich Merz", "2025-07-25", &["DEUGOV"]),
    ("Narendra Modi", "2025-07-25", &["INDGOV"]),
    ("Mark Rutte", "2020-01-01", &["NLDGOV"]),
    ("Mark Rutte", "2025-07-25", &["IGOWSTNAT"]),
    ("Ursula von der Leyen", "2018-01-01", &["DEUGOV"]),
    ("Ursula von der Leyen", "2025-07-25", &["IGOEUREEC"]),
    ("Ebrahim Raisi", "2023-01-01", &["IRNGOV"]),
    ("Masoud Pezeshkian", "2025-07-25", &["IRNGOV"]),
    ("Mohammed bin Salman", "2025-07-25", &["SAUGOV"]),
    ("Al Qahera News TV", "2025-07-25", &["EGYMED"]),
    ("Al Jazeera", "2025-07-25", &["QATMED"]),
    ("Qatar", "2025-07-25", &["QAT"]),
    ("Egypt", "2025-07-25", &["EGY"]),
    ("Israeli", "2025-07-25", &["ISR"]),
    ("Egyptian", "2025-07-25", &["EGY"]),
    ("Qatari", "2025-07-25", &["QAT"]),
    ("U.S.", "2025-07-25", &["USA"]),
    ("United States of America", "2025-07-25", &["USA"]),
    ("Gaza", "2025-07-25", &["PSE"]),
    ("Gaza Strip", "2025-07-25", &["PSE"]),
];

#[test]
fn dated_codes_across_role_changes() {
    let lex = common::default_lexicon();
    let mut wrong = Vec::new();
    let mut people = std::collections::BTreeSet::new();
    for &(name, date, want) in TABLE {
        let Some(id) = lex.find_actor(name) else {
            wrong.push(format!("{name}: not found"));
            continue;
        };
        people.insert(id);
        let got = lex.actor(id).code_on(Some(Date::parse_iso(date).unwrap()));
        if got != want {
            wrong.push(format!("{name} on {date}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(people.len() >= 30, "the table covers {} actors", people.len());
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Crude tokenizer standing in for the UD one: words, `'s`, punctuation.
fn tokens(text: &str) -> Vec<String> {
    let text = text.replace(['’', '‘'], "'").replace(['“', '”'], "\"");
    let mut out = Vec::new();
    for w in text.split_whitespace() {
        let mut cur = String::new();
        for c in w.chars() {
            if c.is_alphanumeric() || c == '.' && !cur.is_empty() && cur.len() < 4 {
                cur.push(c);
            } else {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                out.push(c.to_string());
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    // A final period is a token of its own unless the word is an initialism (`U.S.`).
    out.into_iter()
        .flat_map(|t| if t.len() > 1 && t.ends_with('.') && t.matches('.').count() == 1 { vec![t[..t.len() - 1].to_string(), ".".into()] } else { vec![t] })
        .collect()
}

#[test]
fn every_actor_of_the_seed_article_is_found_with_a_gold_code() {
    let Some(shared) = common::shared() else { return };
    let text = std::fs::read_to_string(shared.join("seed/ceasefire-talks.txt")).unwrap();
    let gold = std::fs::read_to_string(shared.join("seed/ceasefire-talks.gold.json")).unwrap();
    let lex = common::default_lexicon();
    let date = Date::parse_iso("2025-07-26").ok();
    let toks = tokens(&text);
    let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
    let matches = lex.match_actors(&refs);
    // Each gold actor: (name, acceptable codes). Read from the gold file without a JSON parser.
    let expect: &[(&str, &str)] = &[
        ("Hamas", "PSEREBHMS"),
        ("Izzat Al-Rishq", "PSEREBHMS"),
        ("Trump", "USAGOV"),
        ("Witkoff", "USAGOV"),
        ("Netanyahu", "ISRGOV"),
        ("Israeli", "ISR"),
        ("U.S.", "USA"),
        ("Qatar", "QAT"),
        ("Egypt", "EGY"),
        ("Egyptian", "EGY"),
        ("Al Qahera News TV", "EGYMED"),
        ("Gaza", "PSE"),
        ("United States of America", "USA"),
    ];
    for (mention, code) in expect {
        assert!(gold.contains(code), "{code} is a gold code");
        let found = matches.iter().any(|m| {
            let span = refs[m.start..m.end].join(" ").replace(" - ", "-");
            span.to_lowercase().contains(&mention.to_lowercase()) && lex.actor(m.entry).code_on(date).contains(code)
        });
        assert!(found, "`{mention}` not matched with {code}; matches: {:?}", matches.iter().map(|m| (refs[m.start..m.end].join(" "), lex.actor(m.entry).code_on(date))).collect::<Vec<_>>());
    }
}

#[test]
fn plover_and_labels_of_the_default() {
    let lex: Lexicon = common::default_lexicon();
    assert_eq!(lex.cameo_label("0871"), Some("Declare truce, ceasefire"));
    assert_eq!(lex.plover("036").unwrap().event_type, "AGREE");
    assert_eq!(lex.plover("112").unwrap().event_type, "ACCUSE");
    assert!(!lex.verb_patterns("mediate").is_empty() || lex.verb("mediate").is_some());
    assert_eq!(lex.verb("said").unwrap().verb.lemma, "SAY");
}
