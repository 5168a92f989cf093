//! Structural validation of a claim file against its JSON Schema.
//!
//! The schema is generated from the [`model`](crate::model) types, so the
//! rules users read (`claimgraph schema`) are the rules we check. Unlike a
//! plain serde parse, which stops at the first problem, this walk reports
//! every unknown field (with a "did you mean"), wrong type and missing field
//! in the file. Only the subset of JSON Schema that schemars emits for our
//! types is understood.

use serde_json::Value;

use super::position::escape_pointer;

/// One structural problem: where (a JSON pointer), what, and advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeProblem {
    /// JSON pointer to the offending value.
    pub pointer: String,
    /// True when the position should be the key rather than the value.
    pub at_key: bool,
    /// Lower-case message.
    pub message: String,
    /// Advice, such as a "did you mean" suggestion.
    pub help: Option<String>,
}

/// The JSON Schema of a claim file.
#[must_use]
pub fn claim_file_schema() -> Value {
    schemars::schema_for!(crate::model::ClaimFile).to_value()
}

/// The JSON Schema of one claim (a JSON Lines record).
#[must_use]
pub fn claim_schema() -> Value {
    schemars::schema_for!(crate::model::Claim).to_value()
}

/// [`claim_file_schema`], generated once: a hostile case can hold many
/// bad files, and generating the schema costs more than checking one.
pub(crate) fn claim_file_schema_cached() -> &'static Value {
    static SCHEMA: std::sync::LazyLock<Value> = std::sync::LazyLock::new(claim_file_schema);
    &SCHEMA
}

/// [`claim_schema`], generated once: checked against every bad JSON Lines
/// record.
pub(crate) fn claim_schema_cached() -> &'static Value {
    static SCHEMA: std::sync::LazyLock<Value> = std::sync::LazyLock::new(claim_schema);
    &SCHEMA
}

/// Checks `value` against `schema`, collecting every problem.
#[must_use]
pub fn check(schema: &Value, value: &Value) -> Vec<ShapeProblem> {
    let mut problems = Vec::new();
    let walker = Walker { root: schema };
    walker.walk(schema, value, "", &mut problems);
    problems
}

struct Walker<'s> {
    root: &'s Value,
}

impl Walker<'_> {
    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        let mut schema = schema;
        // References only point into `$defs`; follow a bounded number of hops.
        for _ in 0..8 {
            let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some(name) = reference.strip_prefix("#/$defs/") else {
                break;
            };
            match self.root.get("$defs").and_then(|d| d.get(name)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    fn walk(&self, schema: &Value, value: &Value, pointer: &str, out: &mut Vec<ShapeProblem>) {
        let schema = self.resolve(schema);
        if let Some(alternatives) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array)
        {
            self.walk_alternatives(alternatives, value, pointer, out);
            return;
        }
        if let Some(expected) = schema.get("const") {
            if value != expected {
                out.push(problem(
                    pointer,
                    format!("expected {expected}, found {}", describe(value)),
                ));
            }
            return;
        }
        if let Some(types) = schema.get("type") {
            if !type_matches(types, value) {
                out.push(problem(
                    pointer,
                    format!(
                        "wrong type: expected {}, found {}",
                        type_names(types),
                        describe(value)
                    ),
                ));
                return;
            }
        }
        match value {
            Value::Object(map) => self.walk_object(schema, map, pointer, out),
            Value::Array(items) => {
                let n = items.len() as u64;
                if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
                    if n < min {
                        out.push(problem(
                            pointer,
                            format!("expected at least {min} items, found {n}"),
                        ));
                    }
                }
                if let Some(max) = schema.get("maxItems").and_then(Value::as_u64) {
                    if n > max {
                        out.push(problem(
                            pointer,
                            format!("expected at most {max} items, found {n}"),
                        ));
                    }
                }
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        self.walk(item_schema, item, &format!("{pointer}/{i}"), out);
                    }
                }
            }
            Value::Number(number) => {
                if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
                    if number.as_f64().is_some_and(|x| x < min) {
                        out.push(problem(pointer, format!("must be at least {min}")));
                    }
                }
            }
            _ => {}
        }
    }

    fn walk_alternatives(
        &self,
        alternatives: &[Value],
        value: &Value,
        pointer: &str,
        out: &mut Vec<ShapeProblem>,
    ) {
        let mut best: Option<Vec<ShapeProblem>> = None;
        let mut consts = Vec::new();
        for alternative in alternatives {
            let alternative = self.resolve(alternative);
            if let Some(c) = alternative.get("const") {
                consts.push(c.to_string());
            }
            let mut found = Vec::new();
            self.walk(alternative, value, pointer, &mut found);
            if found.is_empty() {
                return;
            }
            // Prefer the alternative whose type matched: its problems are the
            // specific ones (a misspelt field rather than "not null").
            let type_ok = alternative
                .get("type")
                .is_none_or(|t| type_matches(t, value));
            if type_ok && best.as_ref().is_none_or(|b| b.len() > found.len()) {
                best = Some(found);
            }
        }
        if !consts.is_empty() && consts.len() == alternatives.len() {
            let hint = suggest(
                value.as_str().unwrap_or_default(),
                consts.iter().map(|c| c.trim_matches('"')),
            );
            let mut p = problem(
                pointer,
                format!(
                    "invalid value {}: expected one of {}",
                    describe(value),
                    consts.join(", ")
                ),
            );
            p.help = hint.map(|h| format!("did you mean \"{h}\"?"));
            out.push(p);
            return;
        }
        match best {
            Some(found) => out.extend(found),
            None => out.push(problem(
                pointer,
                format!("wrong type: found {}", describe(value)),
            )),
        }
    }

    fn walk_object(
        &self,
        schema: &Value,
        map: &serde_json::Map<String, Value>,
        pointer: &str,
        out: &mut Vec<ShapeProblem>,
    ) {
        let empty = serde_json::Map::new();
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        for (key, child) in map {
            let child_pointer = format!("{pointer}/{}", escape_pointer(key));
            match properties.get(key) {
                Some(child_schema) => self.walk(child_schema, child, &child_pointer, out),
                None if closed => {
                    let mut known: Vec<&str> = properties.keys().map(String::as_str).collect();
                    known.sort_unstable();
                    let help = match suggest(key, known.iter().copied()) {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => format!("known fields are: {}", known.join(", ")),
                    };
                    out.push(ShapeProblem {
                        pointer: child_pointer,
                        at_key: true,
                        message: format!("unknown field \"{key}\""),
                        help: Some(help),
                    });
                }
                None => {}
            }
        }
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                if !map.contains_key(name) {
                    out.push(problem(pointer, format!("missing field \"{name}\"")));
                }
            }
        }
    }
}

fn problem(pointer: &str, message: String) -> ShapeProblem {
    ShapeProblem {
        pointer: pointer.to_owned(),
        at_key: false,
        message,
        help: None,
    }
}

fn type_matches(types: &Value, value: &Value) -> bool {
    match types {
        Value::String(t) => single_type_matches(t, value),
        Value::Array(ts) => ts
            .iter()
            .filter_map(Value::as_str)
            .any(|t| single_type_matches(t, value)),
        _ => true,
    }
}

fn single_type_matches(t: &str, value: &Value) -> bool {
    match t {
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.is_u64() || value.is_i64(),
        _ => true,
    }
}

fn type_names(types: &Value) -> String {
    match types {
        Value::String(t) => article(t),
        Value::Array(ts) => {
            let names: Vec<String> = ts
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .map(article)
                .collect();
            names.join(" or ")
        }
        _ => "a value".to_owned(),
    }
}

fn article(t: &str) -> String {
    match t {
        "array" | "object" | "integer" => format!("an {t}"),
        _ => format!("a {t}"),
    }
}

/// A short description of a JSON value for messages.
#[must_use]
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("a boolean ({b})"),
        Value::Number(n) => format!("a number ({n})"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            if short.len() < s.len() {
                format!("a string (\"{short}…\")")
            } else {
                format!("a string (\"{short}\")")
            }
        }
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The closest candidate by normalised Damerau-Levenshtein similarity, when
/// it is close enough to be a plausible typo.
#[must_use]
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::normalized_damerau_levenshtein(&word, &candidate.to_lowercase());
        if score >= 0.5 && best.is_none_or(|(s, c)| score > s || (score == s && candidate < c)) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_every_problem_with_suggestions() {
        let schema = claim_file_schema();
        let value = json!({
            "claims": [{"id": "a", "party": "p", "txt": "x"}, {"id": 3, "party": "p", "text": "y"}],
            "parties": [{"id": "p", "name": "P", "role": "defence"}]
        });
        let problems = check(&schema, &value);
        let messages: Vec<(String, String, Option<String>)> = problems
            .into_iter()
            .map(|p| (p.pointer, p.message, p.help))
            .collect();
        assert!(messages.contains(&(
            "/claims/0/txt".into(),
            "unknown field \"txt\"".into(),
            Some("did you mean \"text\"?".into())
        )));
        assert!(
            messages
                .iter()
                .any(|m| m.0 == "/claims/0" && m.1 == "missing field \"text\"")
        );
        assert!(
            messages
                .iter()
                .any(|m| m.0 == "/claims/1/id" && m.1.starts_with("wrong type"))
        );
        assert!(messages.iter().any(
            |m| m.0 == "/parties/0/role" && m.2.as_deref() == Some("did you mean \"defense\"?")
        ));
    }

    #[test]
    fn valid_file_has_no_problems() {
        let value = json!({"format": "claimgraph/1", "claims": [{"id": "a", "party": "p", "text": "x", "quote": true}],
            "annotations": [{"claims": ["a", "b"], "relation": "supports"}]});
        assert!(check(&claim_file_schema(), &value).is_empty());
    }
}
