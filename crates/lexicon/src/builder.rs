//! Accumulates entries from successive sources; later sources override
//! earlier ones (see `FORMAT.md`, "Layers").

use crate::model::*;
use crate::text::phrase_tokens;
use crate::Finding;
use rustc_hash::FxHashMap;

#[derive(Default)]
pub(crate) struct Builder {
    pub actors: Vec<ActorEntry>,
    /// Sequence number of each actor's last definition: phrases of later
    /// definitions win in the matcher.
    pub actor_seq: Vec<u32>,
    actor_key: FxHashMap<String, usize>,
    seq: u32,
    pub agents: Vec<AgentEntry>,
    agent_key: FxHashMap<String, usize>,
    pub roles: Vec<RoleEntry>,
    role_key: FxHashMap<String, usize>,
    pub blocks: Vec<VerbBlock>,
    pub synsets: Vec<SynSet>,
    pub transformations: Vec<Transformation>,
    pub discards: Vec<Discard>,
    pub issues: Vec<IssueEntry>,
    pub prepositions: Vec<String>,
    pub cameo_labels: Vec<(String, String)>,
    pub plover: Vec<(String, PloverMapping)>,
    pub sources: Vec<SourceFile>,
    pub findings: Vec<Finding>,
}

pub(crate) fn key(phrase: &str) -> String {
    phrase_tokens(phrase).join(" ")
}

impl Builder {
    pub fn add_actor(&mut self, a: ActorEntry) {
        self.seq += 1;
        let k = key(&a.name);
        if let Some(&i) = self.actor_key.get(&k) {
            let old = &mut self.actors[i];
            if old.origin.source != a.origin.source {
                // A later layer redefines the actor: its codes, roles and kind
                // replace the old ones; aliases accumulate.
                let mut have: rustc_hash::FxHashSet<String> = std::iter::once(&old.name).chain(&old.aliases).map(|p| key(p)).collect();
                for al in a.aliases {
                    if have.insert(key(&al)) {
                        old.aliases.push(al);
                    }
                }
                old.codes = a.codes;
                old.roles = a.roles;
                old.kind = a.kind;
                old.origin = a.origin;
                self.actor_seq[i] = self.seq;
                return;
            }
        }
        self.actor_key.insert(k, self.actors.len());
        self.actors.push(a);
        self.actor_seq.push(self.seq);
    }

    pub fn add_agent(&mut self, a: AgentEntry) {
        let k = key(&a.phrase);
        if let Some(&i) = self.agent_key.get(&k) {
            if self.agents[i].origin.source != a.origin.source {
                self.agents[i] = a;
                return;
            }
        }
        self.agent_key.insert(k, self.agents.len());
        self.agents.push(a);
    }

    pub fn add_role(&mut self, r: RoleEntry) {
        let k = key(&r.phrase);
        if let Some(&i) = self.role_key.get(&k) {
            if self.roles[i].origin.source != r.origin.source {
                self.roles[i] = r;
                return;
            }
        }
        self.role_key.insert(k, self.roles.len());
        self.roles.push(r);
    }

    pub fn add_synset(&mut self, s: SynSet) {
        self.synsets.push(s);
    }

    pub fn add_block(&mut self, b: VerbBlock) {
        self.blocks.push(b);
    }

    pub fn add_transformation(&mut self, t: Transformation) {
        self.transformations.push(t);
    }

    /// A herald `verb` entry: joins the named block (created if new), or a
    /// block of its own named after the verb.
    pub fn add_herald_verb(&mut self, word: VerbWord, block: Option<String>) {
        let name = block.unwrap_or_else(|| word.lemma.clone());
        let source = self.sources.len() as u32;
        match self.blocks.iter_mut().rev().find(|b| b.name.eq_ignore_ascii_case(&name)) {
            Some(b) => b.verbs.push(word),
            None => {
                let code = word.code.clone().unwrap_or_else(|| "---".into());
                let line = word.line;
                self.blocks.push(VerbBlock { name, code, verbs: vec![word], patterns: Vec::new(), origin: Origin { source, line } });
            }
        }
    }
}
