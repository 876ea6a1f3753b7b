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

/// A PLOVER JSON record (PLOVER manual's fields).
pub fn plover_record(e: &Event, doc_id: &str, published: Option<&str>, text: &str) -> Value {
    let sentence: String = text.chars().skip(e.sentence.span[0]).take(e.sentence.span[1] - e.sentence.span[0]).collect();
    json!({
        "id": format!("{doc_id}-{}", e.id),
        "date": e.date.as_ref().and_then(|d| d.resolved.clone()).or_else(|| published.map(str::to_string)),
        "event": e.plover.as_ref().map(|p| p.kind.clone()),
        "mode": e.plover.as_ref().and_then(|p| p.mode.clone()),
        "context": e.context,
        "source": e.source.code,
        "source_text": e.source.text,
        "target": e.target.as_ref().map(|t| t.code.clone()),
        "target_text": e.target.as_ref().map(|t| t.text.clone()),
        "event_text": e.trigger.text,
        "location": e.place.as_ref().map(|p| p.name.clone()),
        "text": sentence,
        "cameo": e.cameo,
        "negated": e.negated,
        "modality": e.modality,
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
}
