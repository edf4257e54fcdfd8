//! Printing problems without drowning the reader: a file with half a million
//! warnings of one kind shows twenty of them and how many more there are.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::formats::{Diagnostic, Severity};
use crate::printable::thousands;

/// How many problems of each kind are printed unless `--all-problems` is given.
pub const PER_KIND: usize = 20;

/// Writes `diagnostics` in order, at most `per_kind` of each kind (all when
/// `None`), then one line per kind that had more: `… and 301,280 more: …`.
pub fn write_problems(
    diagnostics: &[Diagnostic],
    per_kind: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut shown: HashMap<(Severity, &'static str), usize> = HashMap::new();
    // The kinds that overflowed, in the order they first appeared.
    let mut left_out: Vec<((Severity, &'static str), usize)> = Vec::new();
    for diagnostic in diagnostics {
        let kind = (diagnostic.severity, diagnostic.problem.kind());
        let count = shown.entry(kind).or_default();
        if per_kind.is_none_or(|limit| *count < limit) {
            *count += 1;
            writeln!(out, "{diagnostic}")?;
            continue;
        }
        match left_out.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, more)) => *more += 1,
            None => left_out.push((kind, 1)),
        }
    }
    for ((severity, kind), more) in left_out {
        let severity = match severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        writeln!(
            out,
            "{severity}: … and {} more: {kind} (--all-problems lists every one)",
            thousands(more)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Problem;
    use crate::model::Location;

    fn warning(line: usize, problem: Problem) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            file: "e.json".into(),
            location: Some(Location { line, column: 5 }),
            problem,
        }
    }

    fn printed(diagnostics: &[Diagnostic], per_kind: Option<usize>) -> Vec<String> {
        let mut out = Vec::new();
        write_problems(diagnostics, per_kind, &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn each_kind_is_cut_after_the_limit_and_the_rest_are_counted() {
        let no_name = |line| {
            warning(
                line,
                Problem::NoName {
                    subject: format!("f{line}"),
                },
            )
        };
        let color = |line| {
            let problem = Problem::BadColor {
                subject: format!("p{line}"),
                value: "red".into(),
            };
            warning(line, problem)
        };
        let diagnostics: Vec<Diagnostic> = (1..=5)
            .map(no_name)
            .chain((6..=7).map(color))
            .chain((8..=9).map(no_name))
            .collect();
        let lines = printed(&diagnostics, Some(3));
        assert_eq!(lines.len(), 3 + 2 + 1);
        assert!(lines[..3].iter().all(|l| l.contains("has no name")));
        assert!(lines[3].starts_with("e.json:6:5: warning: p6: colour"));
        assert_eq!(
            lines[5],
            "warning: … and 4 more: feature without a name (--all-problems lists every one)"
        );
        assert_eq!(printed(&diagnostics, None).len(), 9);
    }
}
