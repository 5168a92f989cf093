//! The HTML report in a real browser: headless Chromium loads the report of
//! both bundled cases, of the hostile case (`tests/hostile/`) and of the
//! crowded synthetic case (`tests/cases/crowded`), and
//! the test checks that the page logs nothing to the console (no error, no
//! blocked load, no policy violation), that both disputed points are in
//! the rendered DOM, that our one script ran, and that no injected script
//! did. A screenshot of each page is kept under `target/tmp/browser/`.
//!
//! Skipped when no Chromium is installed, unless `CLAIMGRAPH_REQUIRE_TOOLS=1`
//! (set by `tests/browser/run.sh` in CI). `CHROMIUM` names the browser
//! binary when it is not `chromium` on the PATH.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use claimgraph::report::{self, Format};
use claimgraph::{Options, Pipeline};

use crate::support::root;

/// How long one browser run may take before the test gives up on it.
const BROWSER_LIMIT: Duration = Duration::from_secs(180);

fn browser() -> Option<String> {
    let mut candidates: Vec<String> = std::env::var("CHROMIUM").into_iter().collect();
    candidates.extend(["chromium", "chromium-browser", "google-chrome"].map(String::from));
    let found = candidates.into_iter().find(|program| {
        Command::new(program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if found.is_none() {
        assert!(
            std::env::var("CLAIMGRAPH_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "Chromium is required (CLAIMGRAPH_REQUIRE_TOOLS=1) but none runs; install Debian's chromium"
        );
        eprintln!("skipped: no Chromium found (install Debian's chromium, or set CHROMIUM)");
    }
    found
}

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).expect("artifact directory");
    dir
}

/// Runs headless Chromium on a page; returns (stdout, stderr).
fn run_browser(browser: &str, extra: &[String], page: &Path) -> (String, String) {
    let profile = tempfile::tempdir().expect("profile directory");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // Read both pipes on threads so that a full pipe never stalls the
    // browser, and give up on a browser that hangs.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut s);
        s
    });
    let started = Instant::now();
    loop {
        if child.try_wait().expect("waits").is_some() {
            break;
        }
        if started.elapsed() > BROWSER_LIMIT {
            let _ = child.kill();
            panic!("chromium did not finish on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    (out.join().expect("stdout"), err.join().expect("stderr"))
}

/// Renders a case's HTML report into the artifact directory, loads it, and
/// returns the DOM as the browser built it, after checking the console.
fn load(browser: &str, case: &Path, name: &str) -> String {
    let pipeline = Pipeline::run(case, Options::default()).expect("case loads");
    let mut html = Vec::new();
    report::render(pipeline.report().unwrap(), Format::Html, &mut html).expect("renders");
    let page = artifacts().join(format!("{name}.html"));
    std::fs::write(&page, html).expect("writes the page");

    let (dom, log) = run_browser(browser, &["--dump-dom".to_owned()], &page);
    // Chromium logs every console message, whatever its level, and every
    // Content-Security-Policy violation as a CONSOLE line.
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(
        console.is_empty(),
        "{name}: the page wrote to the console:\n{}",
        console.join("\n")
    );
    assert!(
        dom.contains("</html>"),
        "{name}: no DOM dumped; log:\n{log}"
    );

    let shot = artifacts().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&shot);
    run_browser(
        browser,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2400".to_owned(),
            "--hide-scrollbars".to_owned(),
        ],
        &page,
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 10_000, "{name}: no screenshot at {}", shot.display());
    eprintln!("{name}: screenshot at {}", shot.display());
    dom
}

fn assert_our_script_ran_and_no_other(name: &str, dom: &str) {
    // Our script unhides the filter and turns table headers into buttons:
    // it ran, so the policy's hash is right.
    assert!(
        dom.contains("<p class=\"filter\">"),
        "{name}: the report's script did not run"
    );
    assert!(
        dom.contains("<th><button type=\"button\">"),
        "{name}: no sort buttons"
    );
    // Every payload of the hostile case sets data-pwned on an element.
    assert!(
        !dom.contains("data-pwned=\""),
        "{name}: an injected script ran"
    );
}

/// The DOM of each disputed point, by id.
fn points(dom: &str) -> Vec<(String, &str)> {
    dom.split("<article class=\"point filterable\" id=\"")
        .skip(1)
        .map(|rest| {
            let id = rest.split('"').next().unwrap_or("").to_owned();
            let body = rest.split("</article>").next().unwrap_or("");
            (id, body)
        })
        .collect()
}

#[test]
fn durov_report_in_chromium() {
    let Some(browser) = browser() else {
        return;
    };
    let dom = load(
        &browser,
        &root().join("claims/durov-telegram"),
        "durov-telegram",
    );
    assert_our_script_ran_and_no_other("durov-telegram", &dom);
    let points = points(&dom);
    let has_point = |a: &str, b: &str| points.iter().any(|(_, p)| p.contains(a) && p.contains(b));
    assert!(
        has_point("p-requests-ignored", "d-cooperated"),
        "cooperation dispute missing from the DOM"
    );
    assert!(
        has_point("p-charge-organised-crime", "d-anarchic-paradise-false"),
        "illegal-content dispute missing from the DOM"
    );
    // The dispute map is drawn, with one band per point.
    assert_eq!(dom.matches("<g class=\"band\"").count(), points.len());
}

#[test]
fn hostile_report_in_chromium() {
    let Some(browser) = browser() else {
        return;
    };
    let dom = load(&browser, &root().join("tests/hostile"), "hostile");
    assert_our_script_ran_and_no_other("hostile", &dom);
    let ids: Vec<String> = points(&dom).into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        ids,
        ["D1", "D2"],
        "both disputed points of the hostile case"
    );
    // The payloads are on the page, as text.
    assert!(dom.contains("&lt;script&gt;document.documentElement.setAttribute"));
    assert!(dom.contains("&lt;img src=x onerror="));
    // No element the payloads would have created exists.
    for tag in ["<img", "<iframe", "<b>", "<i>"] {
        assert!(!dom.contains(tag), "hostile: {tag} element in the DOM");
    }
    assert_eq!(dom.matches("<script").count(), 1, "one script: ours");
    // Every link the browser built points inside the page or to the web.
    for tag in dom.split("<a ").skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let href = tag.split("href=\"").nth(1).unwrap_or("#");
        assert!(
            href.starts_with('#') || href.starts_with("https://"),
            "hostile: unexpected link <a {tag}>"
        );
    }
}

/// The second bundled case, for its screenshot: two parties and a point of
/// 11 contradictions.
#[test]
fn kennedy_nixon_report_in_chromium() {
    let Some(browser) = browser() else {
        return;
    };
    let dom = load(
        &browser,
        &root().join("claims/kennedy-nixon-1960"),
        "kennedy-nixon-1960",
    );
    assert_our_script_ran_and_no_other("kennedy-nixon-1960", &dom);
    assert_eq!(dom.matches("<g class=\"band\"").count(), points(&dom).len());
}

/// The crowded synthetic case (50 claims, 4 parties, 15 contradictions in
/// one point) renders in Chromium with every box and line of its map; its
/// screenshot is `crowded.png` among the artifacts.
#[test]
fn crowded_report_in_chromium() {
    let Some(browser) = browser() else {
        return;
    };
    let dom = load(&browser, &root().join("tests/cases/crowded"), "crowded");
    assert_our_script_ran_and_no_other("crowded", &dom);
    assert_eq!(points(&dom).len(), 1);
    assert!(dom.contains("Who kept the harbour safe?"));
    assert!(dom.matches("<a href=\"#c-").count() >= 22);
    assert_eq!(dom.matches("<path class=\"edge contradicts").count(), 15);
    assert_eq!(dom.matches("<path class=\"edge supports").count(), 10);
    // Past three parties the map scrolls sideways within the page; this
    // screenshot shows the whole map, on a page as wide as the window.
    let page = artifacts().join("crowded.html");
    let wide = artifacts().join("crowded-wide.html");
    let html = std::fs::read_to_string(&page).expect("the page");
    std::fs::write(
        &wide,
        html.replacen(
            "</head>",
            "<style>main { max-width: none; }</style></head>",
            1,
        ),
    )
    .expect("writes");
    let shot = artifacts().join("crowded-map.png");
    let _ = std::fs::remove_file(&shot);
    run_browser(
        &browser,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1500,1700".to_owned(),
            "--hide-scrollbars".to_owned(),
        ],
        &wide,
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 10_000, "no screenshot at {}", shot.display());
    eprintln!("crowded: whole map at {}", shot.display());
}
