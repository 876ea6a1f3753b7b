//! The talks tracker (work in progress).
