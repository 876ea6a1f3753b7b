//! Scoring coded events against herald's own gold format (the seed
//! article's `*.gold.json`): each gold event lists acceptable source and
//! target codes (`null` = no target), PLOVER types and CAMEO roots, and the
//! evidence text; `noise` lists fragments that must not be coded.

use super::Event;
use serde_json::Value;

/// One gold event and what herald coded for it.
#[derive(Clone, Debug)]
pub struct GoldHit {
    /// Gold id (`E1`).
    pub id: String,
    /// Required by the gold.
    pub required: bool,
    /// Index of the matching coded event.
    pub event: Option<usize>,
    /// The evidence text.
    pub evidence: String,
    /// Events coded in the evidence's sentences (`src cameo -> tgt (rule)`).
    pub near: Vec<String>,
}

/// The score of one document.
#[derive(Clone, Debug, Default)]
pub struct GoldReport {
    /// Gold events, in gold order.
    pub hits: Vec<GoldHit>,
    /// Coded events that hit a noise fragment: `(event index, fragment)`.
    pub noise: Vec<(usize, String)>,
    /// Coded events matching no gold event.
    pub extra: Vec<usize>,
}

impl GoldReport {
    /// Required gold events found / required.
    pub fn required(&self) -> (usize, usize) {
        let req: Vec<&GoldHit> = self.hits.iter().filter(|h| h.required).collect();
        (req.iter().filter(|h| h.event.is_some()).count(), req.len())
    }
}

fn codes(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(|x| x.as_str()).map(str::to_string).collect(),
        Value::String(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn char_find(text: &str, needle: &str) -> Option<(usize, usize)> {
    let b = text.find(needle)?;
    let a = text[..b].chars().count();
    Some((a, a + needle.chars().count()))
}

/// One line describing an event.
pub fn brief(e: &Event) -> String {
    format!(
        "{} {} {} -> {} `{}` ({})",
        e.id,
        e.source.code,
        e.cameo,
        e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
        e.trigger.text.as_deref().unwrap_or(""),
        e.rule
    )
}

/// Scores `events` coded from `text` against a herald gold document.
pub fn score(gold: &Value, text: &str, events: &[Event]) -> GoldReport {
    let sents: Vec<(usize, usize)> = gold["sentences"].as_array().map(|v| v.iter().filter_map(|s| Some((s[0].as_u64()? as usize, s[1].as_u64()? as usize))).collect()).unwrap_or_default();
    let sent_of = |x: usize| sents.iter().copied().find(|&(s, e)| s <= x && x < e).unwrap_or((x, x + 1));
    let mut rep = GoldReport::default();
    let mut matched = vec![false; events.len()];
    for ge in gold["events"].as_array().into_iter().flatten() {
        let id = ge["id"].as_str().unwrap_or("?").to_string();
        let required = ge["required"].as_bool().unwrap_or(false);
        let evidence = ge["evidence"].as_str().unwrap_or("").to_string();
        let Some((ea, eb)) = char_find(text, &evidence) else {
            rep.hits.push(GoldHit { id, required, event: None, evidence, near: vec!["evidence not in the text".into()] });
            continue;
        };
        let (sa, _) = sent_of(ea);
        let (_, sb) = sent_of(eb.saturating_sub(1));
        let srcs = codes(&ge["source"]);
        let tgts: Vec<Option<String>> = ge["target"].as_array().map(|v| v.iter().map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default();
        let plovers = codes(&ge["plover"]);
        let roots = codes(&ge["cameo_root"]);
        let inside = |e: &Event| e.trigger.span[0] >= sa && e.trigger.span[1] <= sb;
        let ok = |e: &Event| {
            inside(e)
                && srcs.contains(&e.source.code)
                && tgts.iter().any(|t| match (t, &e.target) {
                    (None, None) => true,
                    (Some(t), Some(x)) => *t == x.code,
                    _ => false,
                })
                && (e.plover.as_ref().is_some_and(|p| plovers.contains(&p.kind)) || roots.contains(&e.cameo_root))
        };
        let event = events.iter().position(ok);
        if let Some(i) = event {
            matched[i] = true;
        }
        let near = events.iter().filter(|e| inside(e)).map(brief).collect();
        rep.hits.push(GoldHit { id, required, event, evidence, near });
    }
    for n in gold["noise"].as_array().into_iter().flatten().filter_map(|n| n.as_str()) {
        let frag = n.split(": ").next().unwrap_or(n).trim_end_matches('.');
        let Some((na, nb)) = char_find(text, frag) else { continue };
        let byline = frag.contains("contributed");
        for (i, e) in events.iter().enumerate() {
            if (e.trigger.span[0] < nb && na < e.trigger.span[1]) || (byline && e.sentence.span[0] <= na && nb <= e.sentence.span[1]) {
                rep.noise.push((i, frag.to_string()));
            }
        }
    }
    rep.extra = (0..events.len()).filter(|&i| !matched[i]).collect();
    rep
}
