//! `review --drafts` editing: a draft's text and speaker changed, one
//! draft split in two, two merged, each through the library
//! (`author::drafts::apply`, no terminal needed) and through the keys in a
//! pseudo-terminal; and every refusal, with the file left as it was.

use std::path::Path;

use claimgraph::author::drafts::{DraftEdit, apply, pending, split_point};
use claimgraph::model::{Claim, ClaimFile};

use crate::support::{claimgraph, drafted_case, with_snapshots};

fn claims(case: &Path) -> Vec<Claim> {
    let text = std::fs::read_to_string(case.join("claims.json")).unwrap();
    serde_json::from_str::<ClaimFile>(&text).unwrap().claims
}

fn find<'a>(claims: &'a [Claim], id: &str) -> Option<&'a Claim> {
    claims.iter().find(|c| c.id == id)
}

/// One line per claim: id, party, speaker, review flag and text.
fn shown(claims: &[Claim]) -> String {
    claims
        .iter()
        .map(|c| {
            format!(
                "{} [{}{}]{} {}\n",
                c.id,
                c.party,
                c.speaker
                    .as_deref()
                    .map(|s| format!(", {s}"))
                    .unwrap_or_default(),
                if c.needs_review { " (review)" } else { "" },
                c.text
            )
        })
        .collect()
}

fn check_passes(case: &Path) {
    let check = claimgraph().arg("check").arg(case).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn text_speaker_split_and_merge_through_the_library() {
    let (_dir, case) = drafted_case();
    let before = claims(&case);
    let drafts = pending(&case).unwrap();
    let first = drafts[0].id.clone();

    apply(
        &case,
        &first,
        &DraftEdit::Text("  The judge will hear the mistrial motion.  ".to_owned()),
    )
    .unwrap();
    apply(
        &case,
        &first,
        &DraftEdit::Speaker(Some("Court clerk".to_owned())),
    )
    .unwrap();
    let after = claims(&case);
    let edited = find(&after, &first).unwrap();
    assert_eq!(edited.text, "The judge will hear the mistrial motion.");
    assert_eq!(edited.speaker.as_deref(), Some("Court clerk"));
    // The edit keeps the draft to review: it is accepted separately.
    assert!(edited.needs_review);
    apply(&case, &first, &DraftEdit::Speaker(None)).unwrap();
    assert_eq!(find(&claims(&case), &first).unwrap().speaker, None);

    // Split: "A. B." into "A." and "B.", the second right after the first.
    let text = "The judge will hear the mistrial motion. The trial will then resume.";
    apply(&case, &first, &DraftEdit::Text(text.to_owned())).unwrap();
    let at = split_point(text, "the trial").unwrap();
    apply(&case, &first, &DraftEdit::Split { at }).unwrap();
    let split = claims(&case);
    let k = split.iter().position(|c| c.id == first).unwrap();
    assert_eq!(split[k].text, "The judge will hear the mistrial motion.");
    assert_eq!(split[k + 1].id, format!("{first}-2"));
    assert_eq!(split[k + 1].text, "The trial will then resume.");
    assert_eq!(split[k + 1].party, split[k].party);
    assert!(split[k].needs_review && split[k + 1].needs_review);
    assert_eq!(split.len(), before.len() + 1);
    check_passes(&case);

    // Merge the second part back: one claim, the texts joined in order.
    apply(&case, &first, &DraftEdit::Merge(format!("{first}-2"))).unwrap();
    let merged = claims(&case);
    assert_eq!(merged.len(), before.len());
    assert_eq!(find(&merged, &first).unwrap().text, text);
    assert!(find(&merged, &format!("{first}-2")).is_none());
    check_passes(&case);

    with_snapshots(|| {
        insta::assert_snapshot!("authoring_drafts_edited", shown(&merged));
    });
}

#[test]
fn refused_edits_name_the_problem_and_leave_the_file() {
    let (_dir, case) = drafted_case();
    let all = claims(&case);
    let drafts = pending(&case).unwrap();
    let a = drafts[0].id.clone();
    let other_party = all
        .iter()
        .find(|c| c.party != drafts[0].party)
        .unwrap()
        .id
        .clone();
    let same_party = all
        .iter()
        .find(|c| c.party == drafts[0].party && c.id != a)
        .map(|c| c.id.clone());
    // An annotated claim is never merged away.
    let annotated = all
        .iter()
        .find(|c| c.party == "defense")
        .unwrap()
        .id
        .clone();
    let denier = all
        .iter()
        .find(|c| c.party == "prosecution")
        .unwrap()
        .id
        .clone();
    let out = claimgraph()
        .arg("annotate")
        .arg(&case)
        .args([&annotated, &denier, "contradicts"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = std::fs::read_to_string(case.join("claims.json")).unwrap();
    let text_len = drafts[0].text.len();
    let mut errors = vec![
        apply(&case, &a, &DraftEdit::Text("   ".to_owned())),
        apply(&case, &a, &DraftEdit::Split { at: 0 }),
        apply(&case, &a, &DraftEdit::Split { at: text_len }),
        apply(&case, &a, &DraftEdit::Split { at: text_len + 40 }),
        apply(&case, &a, &DraftEdit::Merge(a.clone())),
        apply(&case, &a, &DraftEdit::Merge("nope".to_owned())),
        apply(&case, &a, &DraftEdit::Merge(other_party)),
        apply(&case, "nope", &DraftEdit::Text("x".to_owned())),
    ];
    let annotated_party = find(&all, &annotated).unwrap().party.clone();
    let partner = all
        .iter()
        .find(|c| c.party == annotated_party && c.id != annotated)
        .unwrap()
        .id
        .clone();
    errors.push(apply(&case, &partner, &DraftEdit::Merge(annotated.clone())));
    // A split inside a character (a multi-byte letter) is refused too.
    apply(
        &case,
        &a,
        &DraftEdit::Text("Le témoin a menti. Il a avoué.".to_owned()),
    )
    .unwrap();
    let mid_char = "Le t".len() + 1;
    let before_split = std::fs::read_to_string(case.join("claims.json")).unwrap();
    errors.push(apply(&case, &a, &DraftEdit::Split { at: mid_char }));
    assert_eq!(
        std::fs::read_to_string(case.join("claims.json")).unwrap(),
        before_split
    );
    let shown: Vec<String> = errors
        .into_iter()
        .map(|e| {
            e.unwrap_err()
                .to_string()
                .replace(&case.display().to_string(), "case")
                .replace(&a, "FIRST")
        })
        .collect();
    with_snapshots(|| {
        insta::assert_snapshot!("authoring_drafts_edit_errors", shown.join("\n"));
    });
    // Only the one accepted text edit changed the file.
    let now = claims(&case);
    assert_eq!(now.len(), all.len());
    assert_ne!(before, before_split);
    assert!(same_party.is_some());
}

#[test]
fn split_point_finds_the_words_after_the_start() {
    let text = "Prix en hausse. Les salariés refusent.";
    assert_eq!(split_point(text, "les SALARIÉS"), Some(16));
    assert_eq!(split_point(text, "Prix"), None);
    assert_eq!(split_point(text, "  "), None);
    assert_eq!(split_point(text, "absent"), None);
}

/// The keys in a real pseudo-terminal: e edits the text, s sets the
/// speaker, i splits, m merges with the next draft, a accepts.
#[cfg(unix)]
#[test]
fn review_drafts_keys_edit_split_and_merge() {
    let (dir, case) = drafted_case();
    let drafts = pending(&case).unwrap();
    assert!(drafts.len() >= 3, "{drafts:?}");
    // The theater drafts to review: the headline (press), a defence quote,
    // then the press's "Samour hasn't said whether …".
    let (first, second, third) = (
        drafts[0].id.clone(),
        drafts[1].id.clone(),
        drafts[2].id.clone(),
    );
    assert_eq!(drafts[0].party, "press");
    assert_ne!(drafts[1].party, "press");
    assert_eq!(drafts[2].party, "press");
    let n_before = claims(&case).len();
    let mut command = std::process::Command::new(insta_cmd::get_cargo_bin("claimgraph"));
    command
        .current_dir(dir.path())
        .args(["review", "case", "--drafts"]);
    command.env("NO_COLOR", "1");
    let mut session = rexpect::session::spawn_command(command, Some(60_000)).unwrap();
    session.exp_string(&format!("] {first} [")).unwrap();
    session.exp_string("[q]uit > ").unwrap();
    session.send("e").unwrap();
    session.flush().unwrap();
    session.exp_string("new text (Enter keeps it) > ").unwrap();
    session
        .send_line("The judge weighs a mistrial. The trial is on hold.")
        .unwrap();
    session.exp_string("text changed").unwrap();
    session.exp_string("[q]uit > ").unwrap();
    session.send("s").unwrap();
    session.flush().unwrap();
    session.exp_string("> ").unwrap();
    session.send_line("Court clerk").unwrap();
    session.exp_string("speaker set to Court clerk").unwrap();
    session.exp_string("[q]uit > ").unwrap();
    session.send("i").unwrap();
    session.flush().unwrap();
    session.exp_string("(Enter cancels) > ").unwrap();
    session.send_line("words that are not there").unwrap();
    session.exp_string("unchanged").unwrap();
    session.exp_string("[q]uit > ").unwrap();
    session.send("i").unwrap();
    session.flush().unwrap();
    session.exp_string("(Enter cancels) > ").unwrap();
    session.send_line("the trial").unwrap();
    session.exp_string("split in two").unwrap();
    // The first part is shown again; accept it. The second part comes next.
    session.exp_string(&format!("] {first} [")).unwrap();
    session.exp_string("[q]uit > ").unwrap();
    session.send("a").unwrap();
    session.flush().unwrap();
    session.exp_string("accepted").unwrap();
    session.exp_string(&format!("] {first}-2 [")).unwrap();
    session.exp_string("[q]uit > ").unwrap();
    session.send("m").unwrap();
    session.flush().unwrap();
    session
        .exp_string(&format!("merge with claim (Enter: {second}) > "))
        .unwrap();
    // The next draft is another party's: refused, told, nothing written.
    session.send_line("").unwrap();
    session.exp_string("not saved: ").unwrap();
    session.exp_string("belong to different parties").unwrap();
    session.exp_string("[q]uit > ").unwrap();
    session.send("m").unwrap();
    session.flush().unwrap();
    session.exp_string("> ").unwrap();
    session.send_line(&third).unwrap();
    session
        .exp_string(&format!("merged {third} into it"))
        .unwrap();
    session.exp_string("[q]uit > ").unwrap();
    session.send("q").unwrap();
    session.flush().unwrap();
    session.exp_string("5 saved, 0 skipped").unwrap();
    session.exp_eof().unwrap();
    let after = claims(&case);
    let one = find(&after, &first).unwrap();
    assert_eq!(one.text, "The judge weighs a mistrial.");
    assert_eq!(one.speaker.as_deref(), Some("Court clerk"));
    assert!(!one.needs_review);
    let two = find(&after, &format!("{first}-2")).unwrap();
    assert!(
        two.text.starts_with("The trial is on hold. ") && two.text.len() > 25,
        "{}",
        two.text
    );
    assert!(two.needs_review);
    assert!(find(&after, &third).is_none());
    assert!(find(&after, &second).is_some());
    // One claim more from the split, one fewer from the merge.
    assert_eq!(after.len(), n_before);
    check_passes(&case);
}

/// `review --help` lists every key of `--drafts`.
#[test]
fn review_help_lists_the_draft_keys() {
    let out = claimgraph().args(["review", "--help"]).output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout).into_owned();
    let flat = help.split_whitespace().collect::<Vec<_>>().join(" ");
    for key in [
        "a accept",
        "d drop",
        "p move to another party",
        "e edit the text",
        "s set the speaker",
        "i split in two",
        "m merge with another claim",
        "k skip",
    ] {
        assert!(flat.contains(key), "{key}: {help}");
    }
    with_snapshots(|| insta::assert_snapshot!("authoring_review_help", help));
}

/// A claim that a manual status or another claim's `supersedes` names is
/// never dropped nor merged away; the file is left as it was.
#[test]
fn referenced_claims_are_never_removed() {
    let (_dir, case) = drafted_case();
    let all = claims(&case);
    let press: Vec<&Claim> = all.iter().filter(|c| c.party == "press").collect();
    assert!(press.len() >= 2, "{all:#?}");
    let (kept, other) = (press[0].id.clone(), press[1].id.clone());
    std::fs::write(
        case.join("statuses.json"),
        format!(r#"{{"statuses": [{{"claim": "{other}", "status": "unanswered"}}]}}"#),
    )
    .unwrap();
    check_passes(&case);
    let before = std::fs::read_to_string(case.join("claims.json")).unwrap();
    let dropped = apply(&case, &other, &DraftEdit::Drop).unwrap_err();
    let merged = apply(&case, &kept, &DraftEdit::Merge(other.clone())).unwrap_err();
    std::fs::remove_file(case.join("statuses.json")).unwrap();
    // A later claim supersedes `other`.
    let mut file: ClaimFile = serde_json::from_str(&before).unwrap();
    let newer = file.claims.iter().position(|c| c.id == kept).unwrap();
    file.claims[newer].supersedes = Some(other.clone());
    let with_supersedes = serde_json::to_string_pretty(&file).unwrap();
    std::fs::write(case.join("claims.json"), &with_supersedes).unwrap();
    check_passes(&case);
    let superseded = apply(&case, &other, &DraftEdit::Drop).unwrap_err();
    assert_eq!(
        std::fs::read_to_string(case.join("claims.json")).unwrap(),
        with_supersedes
    );
    with_snapshots(|| {
        insta::assert_snapshot!(
            "authoring_drafts_referenced",
            format!("{dropped}\n{merged}\n{superseded}")
        );
    });
}
