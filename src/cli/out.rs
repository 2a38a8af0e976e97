//! Everything the command line prints goes through here: standard output and standard error,
//! with control characters shown visibly ([`crate::text::visible`]), so that a hostile title
//! read from a file cannot move the cursor, retitle the window or write the clipboard. Files
//! written with `-o` keep the text as it is.

use std::fmt;
use std::io::{self, Write};

use crate::text::visible::{Style, Visible};

/// Write `args` (and a newline when `newline`) to standard output, visibly. A failure to write
/// (a full disk behind a redirection) ends the program with a message, as `println!` would.
pub fn stdout(args: fmt::Arguments<'_>, newline: bool) {
    let written = write(io::stdout().lock(), args, newline, Style::Text);
    if let Err(e) = written {
        stderr(
            format_args!("corepath: cannot write to standard output: {e}"),
            true,
        );
        std::process::exit(1);
    }
}

/// Write `args` (and a newline when `newline`) to standard error, visibly. Nothing is left to
/// report a failure to.
pub fn stderr(args: fmt::Arguments<'_>, newline: bool) {
    let _ = write(io::stderr().lock(), args, newline, Style::Text);
}

/// Write `text` to standard output visibly in `style` (JSON keeps its meaning), flushed.
///
/// # Errors
/// When standard output cannot be written.
pub fn stdout_text(text: &str, style: Style) -> io::Result<()> {
    let mut out = Visible::new(io::stdout().lock(), style);
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Standard output behind the visible writer, for what writes through `io::Write` (flushed when
/// dropped).
pub fn visible_stdout() -> Visible<io::Stdout> {
    Visible::new(io::stdout(), Style::Text)
}

fn write(
    inner: impl Write,
    args: fmt::Arguments<'_>,
    newline: bool,
    style: Style,
) -> io::Result<()> {
    let mut out = Visible::new(inner, style);
    out.write_fmt(args)?;
    if newline {
        out.write_all(b"\n")?;
    }
    out.flush()
}
