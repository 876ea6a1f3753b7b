//! The article view: the original text with every actor mention, quote,
//! speaker and event trigger highlighted, and a card for each telling what
//! herald coded and which rule fired.

use crate::svg::{enc, quad_colour};
use herald_extract::Extraction;
use maud::{html, Markup};
use serde::Serialize;

/// What a highlighted stretch is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Actor mention.
    Mention,
    /// Quote.
    Quote,
    /// Speaker of a quote.
    Speaker,
    /// Event trigger.
    Trigger,
    /// The sentence of the event in focus.
    Sentence,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Mention => "m",
            Kind::Quote => "q",
            Kind::Speaker => "s",
            Kind::Trigger => "t",
            Kind::Sentence => "fs",
        }
    }
}

struct Ann {
    start: usize,
    end: usize,
    id: String,
    kind: Kind,
    tip: String,
}

/// The text of a serialisable enum (its serde name).
pub fn label<T: Serialize>(t: &T) -> String {
    match serde_json::to_value(t) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

fn annotations(x: &Extraction, focus: Option<&str>) -> Vec<Ann> {
    let mut out = Vec::new();
    for a in &x.actors {
        let tip = format!("{} {}: {} [{}]", a.id, label(&a.ty), a.name, a.codes.join(" "));
        for m in &a.mentions {
            out.push(Ann { start: m.span[0], end: m.span[1], id: a.id.clone(), kind: Kind::Mention, tip: tip.clone() });
        }
    }
    for q in &x.quotes {
        let who = q.speaker.as_ref().map(|s| s.name.clone().unwrap_or_else(|| s.text.clone())).unwrap_or_else(|| "no speaker".into());
        out.push(Ann {
            start: q.span[0],
            end: q.span[1],
            id: q.id.clone(),
            kind: Kind::Quote,
            tip: format!("{} {} quote, speaker {}, rule {}", q.id, label(&q.kind), who, q.rule),
        });
        if let Some(s) = &q.speaker {
            out.push(Ann { start: s.span[0], end: s.span[1], id: q.id.clone(), kind: Kind::Speaker, tip: format!("{} speaker: {}", q.id, who) });
        }
    }
    for e in &x.events {
        let tip = format!(
            "{} {} -> {}: CAMEO {}{}, rule {}",
            e.id,
            e.source.name,
            e.target.as_ref().map(|t| t.name.as_str()).unwrap_or("-"),
            e.cameo,
            e.plover.as_ref().map(|p| format!(" / {}", p.kind)).unwrap_or_default(),
            e.rule
        );
        out.push(Ann { start: e.trigger.span[0], end: e.trigger.span[1], id: e.id.clone(), kind: Kind::Trigger, tip });
        if focus == Some(e.id.as_str()) {
            out.push(Ann {
                start: e.sentence.span[0],
                end: e.sentence.span[1],
                id: e.id.clone(),
                kind: Kind::Sentence,
                tip: String::new(),
            });
        }
    }
    out
}

/// The text with its highlights. `focus` is the event (`E3`) whose sentence
/// and trigger are emphasised.
pub fn highlighted(x: &Extraction, focus: Option<&str>) -> Markup {
    let chars: Vec<char> = x.text.chars().collect();
    let n = chars.len();
    let mut anns = annotations(x, focus);
    for a in &mut anns {
        a.end = a.end.min(n);
        a.start = a.start.min(a.end);
    }
    anns.retain(|a| a.start < a.end);
    let mut cuts: Vec<usize> = anns.iter().flat_map(|a| [a.start, a.end]).chain([0, n]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut anchored: Vec<String> = Vec::new();
    let segs: Vec<Seg> = cuts
        .windows(2)
        .map(|w| {
            let text: String = chars[w[0]..w[1]].iter().collect();
            let on: Vec<&Ann> = anns.iter().filter(|a| a.start <= w[0] && w[1] <= a.end).collect();
            let mut classes: Vec<&str> = on.iter().map(|a| a.kind.class()).collect();
            let ids = dedup(on.iter().filter(|a| a.kind != Kind::Sentence).map(|a| a.id.as_str()).collect()).join(" ");
            let tips = dedup(on.iter().map(|a| a.tip.as_str()).filter(|t| !t.is_empty()).collect()).join("\n");
            let trig = on.iter().find(|a| a.kind == Kind::Trigger).map(|a| a.id.clone());
            if trig.is_some() && trig.as_deref() == focus {
                classes.push("focus");
            }
            let anchor = trig.filter(|t| !anchored.contains(t));
            if let Some(a) = &anchor {
                anchored.push(a.clone());
            }
            Seg { text, plain: on.is_empty(), classes: dedup(classes).join(" "), ids, tips, anchor: anchor.map(|a| format!("at-{a}")) }
        })
        .collect();
    html! {
        div.text #text {
            @for s in &segs {
                @if s.plain {
                    (s.text)
                } @else {
                    span class={"h " (s.classes)} data-ann=(s.ids) title=(s.tips) id=[s.anchor.as_deref()] tabindex=[(!s.ids.is_empty()).then_some("0")] { (s.text) }
                }
            }
        }
    }
}

struct Seg {
    text: String,
    plain: bool,
    classes: String,
    ids: String,
    tips: String,
    anchor: Option<String>,
}

fn dedup(mut v: Vec<&str>) -> Vec<&str> {
    let mut seen = Vec::new();
    v.retain(|x| {
        if seen.contains(x) {
            false
        } else {
            seen.push(*x);
            true
        }
    });
    v
}

/// One card for each actor, quote and event: what herald coded and the rule.
pub fn cards(x: &Extraction, event_keys: &[(String, i64)], focus: Option<&str>) -> Markup {
    html! {
        section.cards {
            h2 { "Events (" (x.events.len()) ")" }
            @for e in &x.events {
                @let key = event_keys.iter().find(|(l, _)| *l == e.id).map(|(_, k)| *k);
                div.card.ev.sel[focus == Some(e.id.as_str())] id={"ann-" (e.id)} data-ann=(e.id) {
                    h3 {
                        span.dot { svg width="10" height="10" aria-hidden="true" { circle cx="5" cy="5" r="5" fill=(quad_colour(e.quad_class)) {} } }
                        " " (e.id) ": " (e.source.name)
                        @if let Some(t) = &e.target { " → " (t.name) }
                    }
                    dl {
                        dt { "CAMEO" } dd { (e.cameo) " (root " (e.cameo_root) ")" }
                        @if let Some(p) = &e.plover { dt { "PLOVER" } dd { (p.kind) @if let Some(m) = &p.mode { " / " (m) } } }
                        @if let Some(q) = e.quad_class { dt { "quad class" } dd { (q) } }
                        @if let Some(g) = e.goldstein { dt { "Goldstein" } dd { (g) } }
                        dt { "source" } dd { (e.source.text) " [" (e.source.code) "]" }
                        @if let Some(t) = &e.target { dt { "target" } dd { (t.text) " [" (t.code) "]" } }
                        dt { "trigger" } dd.trig { (e.trigger.text.as_deref().unwrap_or("")) }
                        dt { "modality" } dd { (label(&e.modality)) @if e.negated { " (negated)" } }
                        @if let Some(c) = &e.claimed_by { dt { "claimed by" } dd { (c.name) } }
                        @if let Some(d) = &e.date { dt { "date" } dd { (d.text) @if let Some(r) = &d.resolved { " = " (r) } } }
                        dt { "rule" } dd.rule { code { (e.rule) } }
                    }
                    @if let Some(k) = key { a href={"/events/" (k)} { "aggregated event " (k) } }
                }
            }
            h2 { "Quotes (" (x.quotes.len()) ")" }
            @for q in &x.quotes {
                div.card.qu id={"ann-" (q.id)} data-ann=(q.id) {
                    h3 { (q.id) " (" (label(&q.kind)) "): "
                        @if let Some(s) = &q.speaker { (s.name.as_deref().unwrap_or(&s.text)) @if !s.codes.is_empty() { " [" (s.codes.join(" ")) "]" } } @else { "no speaker" }
                    }
                    blockquote { (q.content.as_ref().map(|c| c.text.as_str()).unwrap_or(&q.text)) }
                    dl {
                        @if let Some(c) = &q.cue { dt { "cue" } dd { (c.text) } }
                        dt { "rule" } dd.rule { code { (q.rule) } }
                    }
                }
            }
            h2 { "Actors (" (x.actors.len()) ")" }
            @for a in &x.actors {
                @let key = herald_store::actor_key(a.codes.first().map(String::as_str).unwrap_or(""), &a.name);
                div.card.ac id={"ann-" (a.id)} data-ann=(a.id) {
                    h3 { (a.id) ": " a href={"/actors/" (enc(&key))} { (a.name) } }
                    dl {
                        dt { "type" } dd { (label(&a.ty)) }
                        dt { "codes" } dd { (a.codes.join(" ")) }
                        @if let Some(r) = &a.role { dt { "role" } dd { (r) } }
                        dt { "mentions" } dd { (a.mentions.len()) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn extraction(text: &str, spans: &[(usize, usize)]) -> Extraction {
        let mentions: Vec<_> = spans.iter().map(|(s, e)| serde_json::json!({"span": [s, e], "text": "x"})).collect();
        let quotes: Vec<_> = spans
            .iter()
            .enumerate()
            .map(|(i, (s, e))| serde_json::json!({"id": format!("Q{i}"), "kind": "direct", "span": [e, s + e], "text": "q", "rule": "r"}))
            .collect();
        serde_json::from_value(serde_json::json!({
            "id": "d", "title": null, "url": null, "published": null, "text": text,
            "actors": [{"id": "A1", "name": "<b>n</b>", "type": "person", "codes": [], "role": null, "mentions": mentions}],
            "quotes": quotes, "events": []
        }))
        .unwrap()
    }

    /// The text shown: tags removed, entities decoded.
    fn shown(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
    }

    proptest! {
        /// Whatever the text and however wrong the spans, the article shows
        /// exactly its text, and no markup of it.
        #[test]
        fn highlighting_shows_the_text_as_text(text in "[a-z <>&\"'é\n]{0,60}", spans in prop::collection::vec((0usize..80, 0usize..80), 0..6)) {
            let x = extraction(&text, &spans);
            let html = highlighted(&x, None).into_string();
            prop_assert_eq!(shown(&html), text.clone());
            let cards = cards(&x, &[], None).into_string();
            prop_assert!(!cards.contains("<b>n</b>"));
        }
    }
}
