//! The codebase checks itself: a `//!` header on every source file, no
//! debugging leftovers, and no clap in the library.

use crate::support::root;

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    for dir in ["src", "tests"] {
        rust_files(&root().join(dir), &mut files);
    }
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("utf-8 source");
            (p, text)
        })
        .collect()
}

#[test]
fn every_file_opens_with_a_module_doc() {
    for (path, text) in sources() {
        assert!(
            text.starts_with("//!"),
            "{} has no //! header",
            path.display()
        );
    }
}

#[test]
fn no_debugging_leftovers() {
    let banned = [
        concat!("db", "g!("),
        concat!("to", "do!("),
        concat!("unimpl", "emented!("),
    ];
    for (path, text) in sources() {
        for word in banned {
            assert!(!text.contains(word), "{} contains {word}", path.display());
        }
    }
}

#[test]
fn the_library_never_sees_clap() {
    for (path, text) in sources() {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let binary = matches!(name, "main.rs" | "cli.rs" | "commands.rs");
        if path.starts_with(root().join("src")) && !binary {
            assert!(!text.contains("clap::"), "{} uses clap", path.display());
        }
    }
}

#[test]
fn formatting_is_clean() {
    let status = std::process::Command::new("cargo")
        .args(["fmt", "--all", "--", "--check"])
        .current_dir(root())
        .status();
    if let Ok(status) = status {
        assert!(status.success(), "run cargo fmt --all");
    }
}

#[test]
fn only_the_output_module_writes_files() {
    let writers = [
        concat!("File::", "create"),
        concat!("fs::", "write("),
        concat!("OpenOptions", "::"),
        concat!("tempfile", "::"),
        concat!("fs::", "rename"),
        concat!("fs::", "copy"),
    ];
    for (path, text) in sources() {
        if !path.starts_with(root().join("src")) || path.ends_with("src/output.rs") {
            continue;
        }
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for word in writers {
            assert!(
                !code.contains(word),
                "{} writes files ({word}); go through claimgraph::output::write_atomic",
                path.display()
            );
        }
    }
}
