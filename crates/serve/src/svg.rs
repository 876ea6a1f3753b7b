//! Charts as inline SVG, drawn on the server (they print, and need no
//! script). Labels go through maud, so they are escaped like everything else.

use maud::{html, Markup};

/// Colours of the quad classes 1-4: verbal cooperation, material
/// cooperation, verbal conflict, material conflict.
pub const QUAD_COLOURS: [&str; 4] = ["#5aae61", "#1b7837", "#f4a582", "#b2182b"];
/// Names of the quad classes 1-4.
pub const QUAD_NAMES: [&str; 4] = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

/// The colour of a quad class (grey when unknown).
pub fn quad_colour(q: Option<u8>) -> &'static str {
    match q {
        Some(q @ 1..=4) => QUAD_COLOURS[(q - 1) as usize],
        _ => "#888888",
    }
}

/// The legend of the quad classes.
pub fn legend() -> Markup {
    html! {
        ul.legend {
            @for (i, name) in QUAD_NAMES.iter().enumerate() {
                li { svg width="12" height="12" aria-hidden="true" { rect width="12" height="12" fill=(QUAD_COLOURS[i]) {} } " " (name) }
            }
        }
    }
}

fn nice_max(m: u64) -> u64 {
    let m = m.max(1);
    let mag = 10u64.pow((m as f64).log10().floor() as u32);
    for step in [1, 2, 5, 10] {
        if m <= step * mag {
            return step * mag;
        }
    }
    10 * mag
}

/// Stacked bars: one bar a period, one segment a quad class.
pub fn stacked_bars(label: &str, periods: &[(String, [u64; 4])]) -> Markup {
    let (w, h, left, bottom, top) = (1000.0_f64, 260.0_f64, 48.0, 40.0, 10.0);
    let plot_w = w - left - 10.0;
    let plot_h = h - bottom - top;
    let max = nice_max(periods.iter().map(|(_, q)| q.iter().sum::<u64>()).max().unwrap_or(0));
    let n = periods.len().max(1) as f64;
    let bw = plot_w / n;
    let every = (periods.len() / 8).max(1);
    html! {
        svg.chart viewBox={"0 0 " (w) " " (h)} role="img" aria-label=(label) {
            title { (label) }
            @for t in [0, max / 2, max] {
                @let y = top + plot_h - plot_h * t as f64 / max as f64;
                line x1=(left) x2=(w - 10.0) y1=(y) y2=(y) stroke="#ccc" stroke-width="1" {}
                text x=(left - 6.0) y=(y + 4.0) text-anchor="end" font-size="11" { (t) }
            }
            @for (i, (period, quad)) in periods.iter().enumerate() {
                @let x = left + bw * i as f64;
                g.bar {
                    title { (period) ": " (quad.iter().sum::<u64>()) " events (" (quad[0]) " / " (quad[1]) " / " (quad[2]) " / " (quad[3]) " by quad class)" }
                    @for (k, y, bh) in stack(quad, max, plot_h, top) {
                        rect x=(fmt(x + bw * 0.1)) y=(fmt(y)) width=(fmt((bw * 0.8).max(0.5))) height=(fmt(bh)) fill=(QUAD_COLOURS[k]) {}
                    }
                }
                @if i % every == 0 {
                    text x=(fmt(x + bw / 2.0)) y=(h - bottom + 16.0) text-anchor="middle" font-size="11" { (period) }
                }
            }
            line x1=(left) x2=(w - 10.0) y1=(top + plot_h) y2=(top + plot_h) stroke="#333" {}
        }
        (legend())
    }
}

/// The segments of one stacked bar: (class index, top y, height).
fn stack(quad: &[u64; 4], max: u64, plot_h: f64, top: f64) -> Vec<(usize, f64, f64)> {
    let mut y = top + plot_h;
    let mut out = Vec::new();
    for (k, n) in quad.iter().enumerate().filter(|(_, n)| **n > 0) {
        let bh = plot_h * *n as f64 / max as f64;
        y -= bh;
        out.push((k, y, bh));
    }
    out
}

fn fmt(x: f64) -> String {
    format!("{x:.1}")
}

/// A node of the network.
pub struct Node<'a> {
    /// Actor key.
    pub key: &'a str,
    /// Name.
    pub name: &'a str,
}

/// A directed edge: from, to (node indexes), events, quad class, tooltip.
pub struct Link {
    /// Source node.
    pub from: usize,
    /// Target node.
    pub to: usize,
    /// Events.
    pub weight: u64,
    /// Quad class.
    pub quad: Option<u8>,
    /// Tooltip.
    pub label: String,
}

/// The actor network on a circle: edge width by events, colour by quad class.
pub fn network(nodes: &[Node], links: &[Link]) -> Markup {
    let (w, h) = (1000.0_f64, 640.0_f64);
    let (cx, cy, r) = (w / 2.0, h / 2.0, 240.0_f64);
    let n = nodes.len().max(1) as f64;
    let pos: Vec<(f64, f64)> = (0..nodes.len())
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect();
    let maxw = links.iter().map(|l| l.weight).max().unwrap_or(1).max(1) as f64;
    html! {
        svg.chart.network viewBox={"0 0 " (w) " " (h)} role="img" aria-label="actor network" {
            title { "actor network" }
            defs {
                @for (i, c) in QUAD_COLOURS.iter().chain(std::iter::once(&"#888888")).enumerate() {
                    marker id={"arrow" (i)} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse" {
                        path d="M 0 0 L 10 5 L 0 10 z" fill=(c) {}
                    }
                }
            }
            @for l in links {
                @let (x1, y1) = pos[l.from];
                @let (x2, y2) = pos[l.to];
                // Bend to the right of the direction so A->B and B->A part.
                @let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
                @let (dx, dy) = (x2 - x1, y2 - y1);
                @let len = (dx * dx + dy * dy).sqrt().max(1.0);
                @let (qx, qy) = (mx - dy / len * 30.0, my + dx / len * 30.0);
                // Stop short of the target circle.
                @let (ex, ey) = (x2 - (x2 - qx) / len.max(1.0) * 10.0, y2 - (y2 - qy) / len.max(1.0) * 10.0);
                @let m = match l.quad { Some(q @ 1..=4) => (q - 1) as usize, _ => 4 };
                path.edge d={"M " (fmt(x1)) " " (fmt(y1)) " Q " (fmt(qx)) " " (fmt(qy)) " " (fmt(ex)) " " (fmt(ey))}
                    fill="none" stroke=(quad_colour(l.quad)) stroke-opacity="0.8"
                    stroke-width=(fmt(1.0 + 7.0 * (l.weight as f64 / maxw).sqrt())) marker-end={"url(#arrow" (m) ")"} {
                    title { (l.label) }
                }
            }
            @for (i, node) in nodes.iter().enumerate() {
                @let (x, y) = pos[i];
                @let anchor = if x < cx - 5.0 { "end" } else if x > cx + 5.0 { "start" } else { "middle" };
                @let lx = x + (x - cx) / r * 12.0;
                @let ly = y + (y - cy) / r * 14.0 + 4.0;
                a href={"/actors/" (enc(node.key))} {
                    circle cx=(fmt(x)) cy=(fmt(y)) r="7" fill="#fff" stroke="#333" stroke-width="2" { title { (node.name) " (" (node.key) ")" } }
                    text x=(fmt(lx)) y=(fmt(ly)) text-anchor=(anchor) font-size="12" { (node.name) }
                }
            }
        }
        (legend())
    }
}

/// Percent-encodes a path segment or query value.
pub fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// States along a line: one segment a dated state, coloured by state.
pub fn states_strip(states: &[(String, &'static str, &'static str)]) -> Markup {
    let (w, h) = (1000.0_f64, 70.0_f64);
    let n = states.len().max(1) as f64;
    let sw = (w - 20.0) / n;
    html! {
        svg.chart viewBox={"0 0 " (w) " " (h)} role="img" aria-label="state of the talks over time" {
            title { "state of the talks over time" }
            @for (i, (date, state, colour)) in states.iter().enumerate() {
                @let x = 10.0 + sw * i as f64;
                g {
                    title { (date) ": " (state) }
                    rect x=(fmt(x)) y="8" width=(fmt(sw - 2.0)) height="26" fill=(colour) {}
                    text.on x=(fmt(x + 4.0)) y="26" font-size="12" { (state) }
                    text x=(fmt(x + 2.0)) y="52" font-size="11" { (date) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enc_keeps_only_unreserved() {
        assert_eq!(enc("name:al qahera/../x"), "name%3Aal%20qahera%2F..%2Fx");
        assert_eq!(enc("USAGOV"), "USAGOV");
    }

    #[test]
    fn nice_max_rounds_up() {
        assert_eq!(nice_max(0), 1);
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(13), 20);
        assert_eq!(nice_max(4100), 5000);
    }

    #[test]
    fn labels_are_escaped() {
        let m = stacked_bars("<b>", &[("<script>".into(), [1, 0, 2, 0])]).into_string();
        assert!(!m.contains("<script>") && m.contains("&lt;script&gt;"));
        let nodes = [Node { key: "A", name: "<img src=x onerror=alert(1)>" }, Node { key: "B", name: "b" }];
        let m = network(&nodes, &[Link { from: 0, to: 1, weight: 3, quad: Some(3), label: "<i>".into() }]).into_string();
        assert!(!m.contains("<img") && !m.contains("<i>"));
    }
}
