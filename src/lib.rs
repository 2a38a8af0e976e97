//! corepath: a career journal for imaging scientists in core facilities.
//!
//! The pure core — [`model`], [`framework`], [`assess`] — does no I/O and never reads the clock;
//! [`store`] keeps the journal on disk; [`cli`] is the command line on top.

pub mod assess;
pub mod cli;
pub mod export;
pub mod framework;
pub mod import;
pub mod model;
pub mod store;
pub mod text;
pub mod tui;
