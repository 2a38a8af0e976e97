//! Command-line failures: each prints as one readable line.

use thiserror::Error;

use crate::framework::FrameworkError;
use crate::model::InputError;
use crate::store::StoreError;

/// Why a command failed.
#[derive(Debug, Error)]
pub enum CliError {
    /// Bad input: the field, the value and what is expected.
    #[error("{0}")]
    Input(#[from] InputError),
    /// The journal could not be read or written.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The bundled framework is broken (a build defect).
    #[error("the framework is refused: {0}")]
    Framework(#[from] FrameworkError),
    /// Anything else, already in words.
    #[error("{0}")]
    Message(String),
}

impl CliError {
    /// Name the command-line flag in an input error (`hours` → `--hours`).
    pub fn flag(error: InputError) -> CliError {
        let field = if error.field.starts_with("--") || error.field.contains(' ') {
            error.field.clone()
        } else {
            format!("--{}", error.field)
        };
        CliError::Input(error.in_field(&field))
    }
}
