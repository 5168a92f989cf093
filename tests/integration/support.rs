//! Helpers shared by every test module: where snapshots live, how to run
//! the binary, and where the repository is.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `f` with insta pointed at the top-level `snapshots/` folder.
pub fn with_snapshots(f: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(f);
}

/// The `claimgraph` binary, run from the repository root with a clean
/// environment for colour.
pub fn claimgraph() -> Command {
    let mut command = Command::new(insta_cmd::get_cargo_bin("claimgraph"));
    command.current_dir(root());
    command.env_remove("CLICOLOR_FORCE");
    command.env("NO_COLOR", "1");
    command
}

/// Every bundled case directory under `claims/`, sorted.
pub fn bundled_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("claims"))
        .expect("claims/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// A path relative to the repository root, as a string with `/`.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Whether an external tool runs. When it does not, the caller's test is
/// skipped with a message, unless `CLAIMGRAPH_REQUIRE_TOOLS=1` (set by CI)
/// turns the absence into a failure.
pub fn tool_available(program: &str, args: &[&str]) -> bool {
    let runs = Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !runs {
        assert!(
            std::env::var("CLAIMGRAPH_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "{program} is required (CLAIMGRAPH_REQUIRE_TOOLS=1) but does not run"
        );
        eprintln!("skipped: {program} is not installed");
    }
    runs
}

/// A drafted case under a scratch directory: `extract` on the theater
/// article with one party per side.
pub fn drafted_case() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = claimgraph()
        .args([
            "extract",
            "tests/authoring/articles/en-court-theater.txt",
            "--party",
            "prosecution=George Brauchler|prosecutors|the DA",
            "--party",
            "defense=Tamara Brady|defense lawyers|defense attorney",
            "--output",
        ])
        .arg(dir.path().join("case"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let case = dir.path().join("case");
    (dir, case)
}
