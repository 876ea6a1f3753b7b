//! Every rule with its example sentences. `cargo test -p herald-extract`
//! runs each example through the whole extractor and checks what it finds;
//! [`summary`] renders an example's result in the same notation.
//!
//! Quote notation: one `kind|speaker|cue|quoted words` a quote, `; ` between
//! quotes, `-` for none. Actor notation (rules of the `actor-` family):
//! `mention text=>actor name [CODES]`.

/// One rule and its examples.
#[derive(Debug)]
pub struct Rule {
    /// Rule id (quotes carry it in `rule`).
    pub id: &'static str,
    /// What it does.
    pub description: &'static str,
    /// `(text, expected)`; see the module docs for the notation.
    pub examples: &'static [(&'static str, &'static str)],
}

/// The rules.
pub static RULES: &[Rule] = &[
    Rule {
        id: "quote-then-cue",
        description: "a quote followed by its cue and speaker: '\"...,\" X said' or '\"...,\" said X'",
        examples: &[
            ("“We will win,” Smith said.", "direct|Smith|said|We will win,"),
            ("“We will win,” said John Smith, a spokesman.", "direct|John Smith|said|We will win,"),
            ("\"It is over,\" the minister told reporters.", "direct|the minister|told|It is over,"),
            (
                "“The two nations reiterate their dedication,” stated the joint declaration from Qatar and Egypt.",
                "direct|the joint declaration from Qatar and Egypt|stated|The two nations reiterate their dedication,",
            ),
            (
                "“Subpoenas are not optional,” Rep. Jason Chaffetz (R-Utah) said after the vote.",
                "direct|Rep. Jason Chaffetz|said|Subpoenas are not optional,",
            ),
            (
                "“It will not pass,” said Rep. Joseph Crowley (D-N.Y.), a leading advocate for the bill.",
                "direct|Rep. Joseph Crowley|said|It will not pass,",
            ),
            ("“We have come a long way,” he told cheering supporters in Nashua.", "direct|he|told|We have come a long way,"),
        ],
    },
    Rule {
        id: "cue-then-quote",
        description: "a cue and its speaker right before the quote: 'X said: \"...\"'",
        examples: &[
            ("Smith said: “We will win the vote.”", "direct|Smith|said|We will win the vote."),
            ("The senator added, \"Nobody wants this.\"", "direct|The senator|added|Nobody wants this."),
        ],
    },
    Rule {
        id: "quote-in-content",
        description: "quote marks inside reported content make a mixed quote with the frame's speaker",
        examples: &[
            (
                "Al-Rishq further asserted that the administration was “the primary impediment to all agreements,” alleging that officials consistently “create barriers.”",
                "mixed|Al-Rishq|asserted|the primary impediment to all agreements,; mixed|Al-Rishq|alleging|create barriers.",
            ),
            ("He called for more pressure “to genuinely participate in talks.”", "mixed|He|called for|to genuinely participate in talks."),
            (
                "Witkoff also remarked that it was “unfortunate” how Hamas has behaved.",
                "mixed|Witkoff|remarked|unfortunate",
            ),
            (
                "The council issued a statement saying the city “condemns anti-Muslim speech.”",
                "mixed|The council|saying|condemns anti-Muslim speech.",
            ),
            (
                "Claiming the criticism is unfair, Trump told Fox that “they hit Matt because he should have been tougher.”",
                "mixed|Trump|Claiming|they hit Matt because he should have been tougher.",
            ),
        ],
    },
    Rule {
        id: "carry-over",
        description: "a quote with no cue in its sentence takes the speaker of the quote before it when the text continues it",
        examples: &[(
            "“We did not want a deal,” Trump commented. “It reached a stage where one must complete the task.”",
            "direct|Trump|commented|We did not want a deal,; direct|Trump|-|It reached a stage where one must complete the task.",
        )],
    },
    Rule {
        id: "colon-before",
        description: "a quote after a colon takes the frame or the last name before the colon",
        examples: &[(
            "Here’s Clinton in December 1992: “Our new direction must rest on an understanding of global competition.”",
            "direct|Clinton|-|Our new direction must rest on an understanding of global competition.",
        )],
    },
    Rule {
        id: "paragraph-carry",
        description: "a quote that opens its paragraph takes the speaker of the report just before it",
        examples: &[(
            "Smith said the plan had failed.\n“It was a disaster from the start.”",
            "indirect|Smith|said|the plan had failed; direct|Smith|-|It was a disaster from the start.",
        )],
    },
    Rule {
        id: "quote-then-dash",
        description: "a dash and a name after the quote: '\"...\" ― Francisco Herrero'",
        examples: &[(
            "“The most unqualified child to ever run for president.” ― Francisco Herrero",
            "direct|Francisco Herrero|-|The most unqualified child to ever run for president.",
        )],
    },
    Rule {
        id: "quote-after-verb",
        description: "with the tagger: a mid-sentence quote after a verb with a subject is a mixed quote of that subject",
        examples: &[("Trump hailed the plan as a “historic victory.”", "mixed|Trump|hailed|historic victory.")],
    },
    Rule {
        id: "unattributed",
        description: "a whole-sentence quote with no cue and nothing to continue is kept without a speaker; a short one is a scare quote and dropped",
        examples: &[
            ("The so-called “experts” were wrong.", "-"),
            ("Critics of the “deal” left.", "-"),
            (
                "“Nobody will ever know what happened in that room today.” The banner hung over the stage.",
                "direct|-|-|Nobody will ever know what happened in that room today.",
            ),
            ("“Nobody will ever know what happened,” read the banner.", "direct|the banner|read|Nobody will ever know what happened,"),
        ],
    },
    Rule {
        id: "marks",
        description: "unbalanced marks close at the paragraph end; nested single quotes stay inside",
        examples: &[
            ("“This is not over, Smith said.\nThe next day, Jones said “we will see.”", "direct|-|-|This is not over, Smith said.; direct|Jones|said|we will see."),
            ("“He told me ‘never again’ and left,” Smith said.", "direct|Smith|said|He told me ‘never again’ and left,"),
        ],
    },
    Rule {
        id: "indirect",
        description: "a cue with a that-clause or a clause object, no quote marks",
        examples: &[
            ("The minister said that the talks had failed.", "indirect|The minister|said|that the talks had failed"),
            ("Netanyahu’s office announced its own withdrawal, also citing the response.", "indirect|Netanyahu’s office|announced|its own withdrawal"),
            ("Both nations affirmed their ongoing commitment to a ceasefire.", "indirect|Both nations|affirmed|their ongoing commitment to a ceasefire"),
            ("Trump told reporters on Friday.", "-"),
        ],
    },
    Rule {
        id: "indirect-post",
        description: "post-posed frame: '..., officials said'",
        examples: &[("The talks will resume next week, officials said.", "indirect|officials|said|The talks will resume next week")],
    },
    Rule {
        id: "according-to",
        description: "'according to X' after or before its content",
        examples: &[
            (
                "Although talks collapsed, discussions are expected to resume next week, , according to Al Qahera News TV.",
                "indirect|Al Qahera News TV|according to|discussions are expected to resume next week",
            ),
            ("According to the report, the plan was never approved.", "indirect|the report|According to|the plan was never approved"),
        ],
    },
];

/// Renders the quotes of an extraction in the examples' notation.
pub fn summary(x: &crate::Extraction) -> String {
    if x.quotes.is_empty() {
        return "-".into();
    }
    x.quotes
        .iter()
        .map(|q| {
            let kind = match q.kind {
                crate::quotes::QuoteKind::Direct => "direct",
                crate::quotes::QuoteKind::Mixed => "mixed",
                crate::quotes::QuoteKind::Indirect => "indirect",
            };
            format!(
                "{kind}|{}|{}|{}",
                q.speaker.as_ref().map_or("-", |s| s.text.as_str()),
                q.cue.as_ref().map_or("-", |c| c.text.as_str()),
                q.text
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
