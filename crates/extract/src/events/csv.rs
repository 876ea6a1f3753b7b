//! Event tables: a GDELT 2.0-style events row (the 61 columns of GDELT's
//! event table, filled as far as herald knows them; tab separated, as GDELT
//! ships them) and a PLOVER JSON record per event.

use super::Event;
use serde_json::{json, Value};

/// GDELT 2.0 event table columns, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code",
    "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code",
    "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID", "Actor2Geo_Type",
    "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long",
    "Actor2Geo_FeatureID", "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
];

/// The header row.
pub fn gdelt_header() -> String {
    GDELT_COLUMNS.join("\t")
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Splits an actor code into GDELT's parts: country (3 letters, when the
/// code starts with a state), known group (IGO/NGO/rebel codes of 3 letters
/// after the country or alone) and up to three 3-letter types.
fn split_actor(code: &str) -> [String; 5] {
    const TYPES: &[&str] = &[
        "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "ELI", "LAB", "LEG", "REF", "AGR", "HLH", "UAF",
        "IGO", "NGO", "NGM", "MNC", "INS", "SEP", "RAD", "MOD", "HRI", "ENV",
    ];
    let parts: Vec<&str> = (0..code.len() / 3).map(|i| &code[i * 3..i * 3 + 3]).collect();
    let mut country = String::new();
    let mut group = String::new();
    let mut types: Vec<String> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if TYPES.contains(p) {
            if types.len() < 3 {
                types.push(p.to_string());
            }
        } else if i == 0 {
            country = p.to_string();
        } else if group.is_empty() {
            group = p.to_string();
        }
    }
    types.resize(3, String::new());
    [country, group, types[0].clone(), types[1].clone(), types[2].clone()]
}

/// One GDELT-style row (tab separated). `published` is `YYYY-MM-DD` when known.
pub fn gdelt_row(e: &Event, n: u64, published: Option<&str>, url: Option<&str>, root_event: bool) -> String {
    let day = e.date.as_ref().and_then(|d| d.resolved.as_deref()).map(|r| r.split('/').next().unwrap_or(r).to_string()).or_else(|| published.map(|p| p.chars().take(10).collect()));
    let sql = day.as_deref().map(|d| d.replace('-', "")).unwrap_or_default();
    let (year, month, frac) = if sql.len() == 8 {
        let y: u32 = sql[..4].parse().unwrap_or(0);
        let m: u32 = sql[4..6].parse().unwrap_or(0);
        let d: u32 = sql[6..8].parse().unwrap_or(0);
        (y.to_string(), sql[..6].to_string(), format!("{:.4}", y as f64 + (m * 30 + d) as f64 / 365.0))
    } else {
        (String::new(), String::new(), String::new())
    };
    let mut cols: Vec<String> = Vec::with_capacity(61);
    cols.push(n.to_string());
    cols.push(sql.clone());
    cols.push(month);
    cols.push(year);
    cols.push(frac);
    for p in [Some(&e.source), e.target.as_ref()] {
        match p {
            Some(p) => {
                let [c, g, t1, t2, t3] = split_actor(&p.code);
                cols.extend([clean(&p.code), clean(&p.name.to_uppercase()), c, g, String::new(), String::new(), String::new(), t1, t2, t3]);
            }
            None => cols.extend(std::iter::repeat_n(String::new(), 10)),
        }
    }
    cols.push(if root_event { "1" } else { "0" }.into());
    cols.push(e.cameo.clone());
    cols.push(e.cameo.get(..3).unwrap_or(&e.cameo).to_string());
    cols.push(e.cameo_root.clone());
    cols.push(e.quad_class.map(|q| q.to_string()).unwrap_or_default());
    cols.push(e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default());
    cols.extend(["1".to_string(), "1".to_string(), "1".to_string(), String::new()]);
    // Actor geography is unknown to herald; the action's place when the text gives one.
    cols.extend(std::iter::repeat_n(String::new(), 16));
    match &e.place {
        Some(p) => {
            cols.extend([String::from(if p.code.as_deref().is_some_and(|c| c.len() == 3) { "1" } else { "4" }), clean(&p.name), p.code.clone().unwrap_or_default()]);
            cols.extend(std::iter::repeat_n(String::new(), 5));
        }
        None => cols.extend(std::iter::repeat_n(String::new(), 8)),
    }
    cols.push(if sql.is_empty() { String::new() } else { format!("{sql}000000") });
    cols.push(url.map(clean).unwrap_or_default());
    debug_assert_eq!(cols.len(), 61);
    cols.join("\t")
}

/// A PLOVER entity object: 3-letter `code` (country or international
/// actor), `sector` (the rest of the CAMEO code), the text and herald's
/// actor id and name as `identifier_id` / `identifier_text`.
fn plover_entity(code: &str, text: Option<&str>, actor: Option<&str>, name: &str) -> Value {
    let (top, sector) = if code.len() > 3 && code.is_char_boundary(3) { (&code[..3], &code[3..]) } else { (code, "") };
    json!({
        "code": top,
        "sector": if sector.is_empty() { None } else { Some(sector) },
        "entity_text": text,
        "identifier_id": actor,
        "identifier_text": name,
    })
}

/// A PLOVER JSON record, with the manual's field names (`id`, `date`,
/// `actor`, `recipient`, `event`, `mode`, `context`, `event_text`,
/// `event_loc`, `quad_code`, `text`, `text_info`, `cite_info`) and herald's
/// extras (`cameo`, `goldstein`, `negated`, `modality`, `claimed_by`, `rule`).
pub fn plover_record(e: &Event, doc_id: &str, published: Option<&str>, text: &str) -> Value {
    let sentence: String = text.chars().skip(e.sentence.span[0]).take(e.sentence.span[1].saturating_sub(e.sentence.span[0])).collect();
    let date = e.date.as_ref().and_then(|d| d.resolved.as_deref()).map(|r| r.split('/').next().unwrap_or(r).to_string()).or_else(|| published.map(|p| p.chars().take(10).collect()));
    let p = e.plover.as_ref();
    json!({
        "id": format!("{doc_id}-{}", e.id),
        "has_event": p.is_some(),
        "date": date,
        "actor": [plover_entity(&e.source.code, Some(&e.source.text), e.source.actor.as_deref(), &e.source.name)],
        "recipient": e.target.as_ref().map(|t| vec![plover_entity(&t.code, Some(&t.text), t.actor.as_deref(), &t.name)]).unwrap_or_default(),
        "event": p.map(|p| vec![p.kind.clone()]).unwrap_or_default(),
        "mode": p.and_then(|p| p.mode.clone()).map(|m| vec![m]).unwrap_or_default(),
        "context": e.context,
        "event_text": e.trigger.text.iter().collect::<Vec<_>>(),
        "event_loc": e.place.as_ref().map(|pl| json!({"name": pl.name, "code": pl.code, "start": pl.span[0], "end": pl.span[1]})),
        "quad_code": e.quad_class,
        "text": sentence,
        "text_info": {"start": e.sentence.span[0], "end": e.sentence.span[1], "event_start": e.trigger.span[0], "event_end": e.trigger.span[1]},
        "cite_info": {"citation": doc_id, "coder": concat!("herald ", env!("CARGO_PKG_VERSION")), "codebook": "plover-base"},
        "cameo": e.cameo,
        "goldstein": e.goldstein,
        "negated": e.negated,
        "modality": e.modality,
        "claimed_by": e.claimed_by.as_ref().map(|c| plover_entity(&c.code, None, c.actor.as_deref(), &c.name)),
        "rule": e.rule,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn actor_codes_split() {
        assert_eq!(split_actor("ISRGOV"), ["ISR".to_string(), String::new(), "GOV".into(), String::new(), String::new()]);
        assert_eq!(split_actor("PSEREBHMS")[0], "PSE");
        assert_eq!(split_actor("PSEREBHMS")[2], "REB");
        assert_eq!(split_actor("PSEREBHMS")[1], "HMS");
    }

    fn event() -> Event {
        serde_json::from_value(json!({"id": "ev1",
            "source": {"actor": "A2", "name": "Israel", "code": "ISRGOV", "span": [10, 16], "text": "Israel"},
            "target": null, "cameo": "112", "cameo_root": "11", "quad_class": 3, "goldstein": -2.0,
            "plover": {"type": "ACCUSE", "mode": null}, "context": [], "negated": false, "modality": "asserted",
            "claimed_by": null, "date": null, "place": null,
            "sentence": {"span": [10, 31]}, "trigger": {"span": [17, 25], "text": "accused"}, "rule": "r"}))
        .unwrap()
    }

    #[test]
    fn plover_record_uses_the_manuals_fields() {
        let text = "Headline. Israel accused Hamas.";
        let r = plover_record(&event(), "d1", Some("2025-07-26T10:00:00Z"), text);
        assert_eq!(r["id"], "d1-ev1");
        assert_eq!(r["date"], "2025-07-26");
        assert_eq!(r["actor"][0]["code"], "ISR");
        assert_eq!(r["actor"][0]["sector"], "GOV");
        assert_eq!(r["actor"][0]["entity_text"], "Israel");
        assert_eq!(r["recipient"], json!([]));
        assert_eq!(r["event"], json!(["ACCUSE"]));
        assert_eq!(r["mode"], json!([]));
        assert_eq!(r["event_text"], json!(["accused"]));
        assert_eq!(r["text"], "Israel accused Hamas.");
        assert_eq!(r["quad_code"], 3);
    }

    #[test]
    fn gdelt_row_has_61_columns_and_the_date() {
        let row = gdelt_row(&event(), 7, Some("2025-07-26"), Some("https://x"), true);
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(cols.len(), 61);
        assert_eq!((cols[0], cols[1], cols[5], cols[7], cols[12]), ("7", "20250726", "ISRGOV", "ISR", "GOV"));
        assert_eq!((cols[25], cols[26], cols[28], cols[60]), ("1", "112", "11", "https://x"));
    }
}
