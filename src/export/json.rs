//! The evidence summary as JSON (`corepath-evidence-summary`, version 1).

use super::{RenderError, Summary};

/// The summary as pretty-printed JSON, ending with a newline.
///
/// # Errors
/// Only if serialisation fails, which a summary's plain data does not cause.
pub fn render(summary: &Summary) -> Result<String, RenderError> {
    let mut text = serde_json::to_string_pretty(summary).map_err(|e| RenderError(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

/// Read an evidence summary back, checking its format and version.
///
/// # Errors
/// Text that is not JSON, not an evidence summary, newer than this build reads, or missing a
/// field: the message names the JSON path of the fault.
pub fn parse(text: &str) -> Result<Summary, String> {
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    let header: Header = serde_json::from_str(text)
        .map_err(|e| format!("not JSON (line {}, column {}): {e}", e.line(), e.column()))?;
    match header.format.as_deref() {
        Some(super::summary::FORMAT) => {}
        Some(other) => {
            return Err(format!(
                "not an evidence summary (its format is {other:?}; expected {:?})",
                super::summary::FORMAT
            ));
        }
        None => {
            return Err(format!(
                "not an evidence summary (no \"format\": {:?} field)",
                super::summary::FORMAT
            ));
        }
    }
    if let Some(v) = header.version.filter(|&v| v > super::summary::VERSION) {
        return Err(format!(
            "written by a newer corepath (summary version {v}; this one reads up to {})",
            super::summary::VERSION
        ));
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        format!("{path}: {}", e.into_inner())
    })
}
