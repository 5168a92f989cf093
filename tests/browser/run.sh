#!/usr/bin/env bash
# Browser test of the HTML report, for CI and for people.
#
# Loads the HTML report of both bundled cases (claims/durov-telegram,
# claims/kennedy-nixon-1960), of the hostile case (tests/hostile/) and of the
# crowded synthetic case (tests/cases/crowded: 50 claims, 4 parties, 15
# contradictions in one point) in headless Chromium and checks that the page logs
# nothing to the console, that both disputed points are in the rendered
# DOM, that the report's own script ran and that no injected one did. The
# DOT output is also rendered with Graphviz. Unlike a plain `cargo test`,
# which skips these tests when the tools are missing, this script fails
# when Chromium or Graphviz is absent.
#
# Needs: Debian's `chromium` and `graphviz` packages
#   apt-get update && apt-get install -y chromium graphviz
# Screenshots are left in target/tmp/browser/*.png (not in git).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CLAIMGRAPH_REQUIRE_TOOLS=1
cargo test --locked --test integration -- browser:: formats::dot_renders_with_graphviz
ls -l "${CARGO_TARGET_DIR:-target}"/tmp/browser/*.png
