//! Writing to standard output: plain, or through the sanitiser for text
//! meant for people.

use std::io::Write;

use claimgraph::{Error, Result};

/// [`to_stdout`] for text meant for people: every hidden character of the
/// output except line breaks is shown visibly (see
/// [`claimgraph::terminal::VisibleWriter`]), whatever the renderer escaped.
pub fn to_terminal(fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    to_stdout(|out| {
        let mut visible = claimgraph::terminal::VisibleWriter::new(out);
        fill(&mut visible)?;
        visible.flush()
    })
}

/// [`to_terminal`] when `for_people`, [`to_stdout`] otherwise (JSON is
/// escaped by its serialiser and must stay byte-exact).
pub fn print(
    for_people: bool,
    fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    if for_people {
        to_terminal(fill)
    } else {
        to_stdout(|out| fill(out))
    }
}

/// Writes a message for people on standard output.
pub fn message(text: &str) -> Result<()> {
    to_terminal(&mut |out| out.write_all(text.as_bytes()))
}

/// Writes whatever `fill` writes to standard output, buffered.
pub fn to_stdout(fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut lock = std::io::BufWriter::new(stdout.lock());
    fill(&mut lock)
        .and_then(|()| lock.flush())
        .map_err(|source| Error::Write {
            path: "<stdout>".into(),
            source,
        })
}

/// Writes `value` as pretty JSON and a line break on standard output.
pub fn json(value: &impl serde::Serialize) -> Result<()> {
    to_stdout(|out| {
        serde_json::to_writer_pretty(&mut *out, value)?;
        writeln!(out)
    })
}
