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
        let binary = matches!(name, "main.rs" | "cli.rs" | "bars.rs")
            || path.starts_with(root().join("src/commands"));
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

/// The modules ARCHITECTURE.md names as the file-system edge: the only
/// ones that may opt out of clippy.toml's `disallowed-methods`.
const FILE_SYSTEM_EDGE: [&str; 3] = [
    "src/load/mod.rs",
    "src/output.rs",
    "src/commands/new_case.rs",
];

#[test]
fn only_the_file_system_edge_touches_files() {
    // The rule itself is compiler-checked: clippy.toml bans these calls and
    // `cargo clippy -- -D warnings` refuses them. This test keeps the list
    // from losing its main entries, and the opt-out to the named modules.
    let config = std::fs::read_to_string(root().join("clippy.toml")).expect("clippy.toml");
    for method in [
        "std::fs::read_to_string",
        "std::fs::write",
        "std::fs::rename",
        "std::fs::read_dir",
        "std::fs::create_dir_all",
        "std::fs::remove_file",
        "std::fs::File::open",
        "std::fs::File::create",
        "std::fs::OpenOptions::open",
        "std::path::Path::exists",
        "std::path::Path::is_dir",
        "std::path::Path::canonicalize",
    ] {
        assert!(
            config.contains(&format!("path = \"{method}\"")),
            "clippy.toml no longer disallows {method}"
        );
    }
    let opt_out = concat!("allow(clippy::", "disallowed_methods)");
    for (path, text) in sources() {
        let Ok(relative) = path.strip_prefix(root()) else {
            continue;
        };
        if !relative.starts_with("src") {
            continue;
        }
        let relative = relative.to_string_lossy().replace('\\', "/");
        assert!(
            !text.contains(opt_out) || FILE_SYSTEM_EDGE.contains(&relative.as_str()),
            "{relative} opts out of the file-system rule; only {FILE_SYSTEM_EDGE:?} may (see ARCHITECTURE.md)"
        );
    }
}
