//! herald lexicon (under construction).
