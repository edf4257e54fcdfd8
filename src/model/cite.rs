//! Claims as a journalist pastes them into a draft: one claim's citation as a
//! plain paragraph ("Copy citation" on a card), and a place's claims on a day
//! as Markdown ("Copy claims as Markdown" in the panel).
//!
//! Both are built from the same parts, so a card and the summary never cite a
//! claim differently. Text from the files is kept as written, except that
//! line breaks become spaces (a citation is one paragraph) and, in Markdown,
//! the characters that would format text or break the list are escaped.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::{Believe, Dataset, Lens, Mode, PlaceState, Source, day_in_words, web_link};
use crate::printable::escape_for_terminal;

/// One claim cited in a paragraph: the publication (outlet, "title", by
/// author, published day, URL), then who said what. The claim's own date is
/// said where the publication's day does not already say it:
///
/// `Reuters, "Taliban capture Afghan border crossings with five countries",
/// published 9 Jul 2021. Two senior security officials, … (claim dated 8 Jul
/// 2021): "Two senior security officials told Reuters …"`
///
/// Quotes are in straight double quotes, so the curly quotes that verbatim
/// text often holds still read as quotes within it. A claim without a quote
/// (a row of a spreadsheet, a map series) is said in words, with its place.
pub fn citation(dataset: &Dataset, event: usize) -> String {
    let cited = Cited::of(dataset, event);
    let mut text = match &cited.publication {
        Publication::Unsourced => "No source given.".to_owned(),
        Publication::Unlisted(_) => ended(format!("Source {}", cited.publication_in(Style::Plain))),
        Publication::Listed(_) => ended(cited.publication_in(Style::Plain)),
    };
    text.push(' ');
    let dated = cited
        .claim_date
        .as_ref()
        .map(|date| format!(" (claim dated {date})"))
        .unwrap_or_default();
    match cited.quote {
        Some(quote) => {
            let speaker = Style::Plain.text(&cited.speaker);
            let quote = Style::Plain.text(quote);
            text.push_str(&format!("{speaker}{dated}: \"{quote}\""));
        }
        None => {
            let place = dataset.links(event).place;
            let place = place.map_or("Unknown place", |p| dataset.places()[p].name.as_str());
            let place = Style::Plain.text(place);
            let said = dataset.claim_in_words(event);
            text.push_str(&ended(format!("{place}: {said}{dated}")));
        }
    }
    text
}

/// A place's claims up to `day` as Markdown: a heading with the place and
/// the day, its state in words as the panel says it (`state` is its state
/// on `day` through `lens`), the filter and mode when they change what
/// counts, then each claim as a bullet (what it says, its quote, its
/// source): first those that stand on the day and so decide the colour,
/// then the others dated by then.
pub fn claims_markdown(
    dataset: &Dataset,
    place: usize,
    day: NaiveDate,
    lens: &Lens,
    state: &PlaceState,
) -> String {
    let name = &dataset.places()[place].name;
    let mut lines = vec![
        format!("## {}, {}", md_text(name), day_in_words(day)),
        String::new(),
        ended(md_text(&dataset.state_story(place, state, day, lens))),
    ];
    let claims = ClaimsUpTo::of(dataset, place, day, lens, state);
    let mut notes: Vec<String> = believe_note(dataset, &lens.believe)
        .into_iter()
        .map(|words| md_text(&words))
        .collect();
    if lens.mode == Mode::Known {
        notes.push(known_note(day, claims.unpublished));
    }
    for note in notes {
        lines.push(String::new());
        lines.push(note);
    }
    let sections = [
        (
            format!(
                "### Why this colour: the claims that stand on {}",
                day_in_words(day)
            ),
            &claims.standing,
            true,
        ),
        (
            format!("### Other claims up to {}", day_in_words(day)),
            &claims.others,
            false,
        ),
    ];
    for (heading, events, standing) in sections {
        if events.is_empty() {
            continue;
        }
        lines.extend([String::new(), heading, String::new()]);
        for &event in events {
            lines.extend(claim_bullet(dataset, event, day, lens, standing));
        }
    }
    if claims.standing.is_empty() && claims.others.is_empty() {
        lines.push(String::new());
        lines.push(format!(
            "No claim is dated on or before {}.",
            day_in_words(day)
        ));
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The claims of a place up to a day, split as the summary lists them.
struct ClaimsUpTo {
    /// Those the rule keeps on the day, in the order they were made.
    standing: Vec<usize>,
    /// Every other one dated by then, in the order they were made.
    others: Vec<usize>,
    /// Dated by then but published later: unknown on the day, as known.
    unpublished: usize,
}

impl ClaimsUpTo {
    fn of(
        dataset: &Dataset,
        place: usize,
        day: NaiveDate,
        lens: &Lens,
        state: &PlaceState,
    ) -> Self {
        let mut claims = ClaimsUpTo {
            standing: Vec::new(),
            others: Vec::new(),
            unpublished: 0,
        };
        for event in dataset.events_of_place(place) {
            let links = dataset.links(event);
            if state.claims.contains(&event) {
                claims.standing.push(event);
            } else if links.effective_day > day {
                continue;
            } else if lens.mode == Mode::Known && links.published.is_some_and(|p| p > day) {
                claims.unpublished += 1;
            } else {
                claims.others.push(event);
            }
        }
        claims
    }
}

/// What "as known on" leaves out, and how many claims that is here.
fn known_note(day: NaiveDate, unpublished: usize) -> String {
    let day = day_in_words(day);
    let mut note =
        format!("As known on {day}: claims whose source was published later do not count");
    match unpublished {
        0 => note.push('.'),
        1 => note.push_str("; 1 claim dated by then is left out for that."),
        n => note.push_str(&format!(
            "; {n} claims dated by then are left out for that."
        )),
    }
    note
}

/// "Believing only Afghan government, Afghan officials" or "Not believing
/// Taliban", a side standing for the parties that speak for it, as the
/// legend says it; `None` when every claimant is believed.
pub fn believe_in_words(dataset: &Dataset, believe: &Believe) -> Option<String> {
    let (filter, set) = match believe {
        Believe::All => return None,
        Believe::Only(set) => ("Believing only", set),
        Believe::Except(set) => ("Not believing", set),
    };
    let chosen = |party: usize| set.contains(&(party as u32));
    let names: Vec<&str> = (set.iter().map(|&p| p as usize))
        // Indices from another dataset name nobody here.
        .filter(|&p| p < dataset.parties().len())
        .filter(|&p| dataset.side_of(p).is_none_or(|side| !chosen(side)))
        .map(|p| dataset.parties()[p].name.as_str())
        .collect();
    match (names.is_empty(), believe) {
        (true, Believe::Only(_)) => Some("Believing no one".to_owned()),
        (true, _) => None,
        (false, _) => Some(format!("{filter} {}", names.join(", "))),
    }
}

/// The filter in words, and what it does to the state.
fn believe_note(dataset: &Dataset, believe: &Believe) -> Option<String> {
    let words = believe_in_words(dataset, believe)?;
    let whose = match believe {
        Believe::Only(_) => "everyone else's claims",
        _ => "their claims",
    };
    Some(format!(
        "{words}: the state is as if {whose} had never been made."
    ))
}

/// One claim as a bullet: what it says, when, and how it stands; then its
/// quote (or, for a map series, its maps); then its source. Each line after
/// the first continues the item's paragraph and starts with text that cannot
/// begin a block, so nothing a file holds can end the list.
fn claim_bullet(
    dataset: &Dataset,
    event: usize,
    day: NaiveDate,
    lens: &Lens,
    standing: bool,
) -> Vec<String> {
    let cited = Cited::of(dataset, event);
    let e = dataset.event(event);
    let mut head = format!(
        "- **{}**, {}",
        md_text(&dataset.claim_in_words(event)),
        md_text(&e.date.in_words())
    );
    if e.is_confirmed() {
        head.push_str(", confirmed");
    }
    if let Some(until) = e.until {
        let lapsed = if until < day { "lapsed after" } else { "until" };
        head.push_str(&format!(", {lapsed} {}", day_in_words(until)));
    }
    if !standing && !lens.believe.counts(dataset.links(event).claimant) {
        head.push_str(", not believed");
    }
    head.push_str(&format!(" (event {})", md_text(e.id)));
    let mut lines = vec![ended(head)];
    match cited.quote {
        Some(quote) => lines.push(format!(
            "  {}: \"{}\"",
            md_line(&cited.speaker),
            md_text(quote)
        )),
        None => {
            if let Some([stretch, _files]) = dataset.map_claim_in_words(event) {
                lines.push(format!("  {}", ended(md_line(&stretch))));
            }
        }
    }
    let source = match &cited.publication {
        Publication::Unsourced => "none given".to_owned(),
        _ => cited.publication_in(Style::Markdown),
    };
    lines.push(ended(format!("  Source: {source}")));
    lines
}

/// Where a claim was published, as the events file says.
enum Publication<'a> {
    Listed(&'a Source),
    /// The event names a source the events file does not list.
    Unlisted(&'a str),
    Unsourced,
}

/// What a citation is made of, as the files give it.
struct Cited<'a> {
    publication: Publication<'a>,
    /// Who is quoted: the event's speaker, or else its claimant's name.
    speaker: Cow<'a, str>,
    quote: Option<&'a str>,
    /// The claim's date, in words, unless it is the publication's day.
    claim_date: Option<String>,
}

impl<'a> Cited<'a> {
    fn of(dataset: &'a Dataset, event: usize) -> Self {
        let e = dataset.event(event);
        let links = dataset.links(event);
        let publication = match (links.source, present(e.source)) {
            (Some(source), _) => Publication::Listed(&dataset.sources()[source]),
            (None, Some(id)) => Publication::Unlisted(id),
            (None, None) => Publication::Unsourced,
        };
        let published = match &publication {
            Publication::Listed(source) => source.published,
            _ => None,
        };
        let claimant = dataset.parties()[links.claimant].name.as_str();
        Cited {
            publication,
            speaker: Cow::Borrowed(present(e.speaker).unwrap_or(claimant)),
            quote: present(e.quote),
            claim_date: (published != Some(e.date)).then(|| e.date.in_words()),
        }
    }

    /// The publication's parts that it has, in a citation's order.
    fn publication_in(&self, style: Style) -> String {
        let source = match self.publication {
            Publication::Listed(source) => source,
            Publication::Unlisted(id) => {
                return format!("\"{}\" (not listed in the events file)", style.text(id));
            }
            Publication::Unsourced => return String::new(),
        };
        let outlet = present(Some(&source.outlet)).unwrap_or(&source.id);
        let mut parts = vec![style.text(outlet)];
        let title = present(source.title.as_deref());
        parts.extend(title.map(|title| format!("\"{}\"", style.text(title))));
        let author = present(source.author.as_deref());
        parts.extend(author.map(|author| format!("by {}", style.text(author))));
        let published = source.published.map(|date| date.in_words());
        parts.extend(published.map(|date| format!("published {date}")));
        parts.extend(present(source.url.as_deref()).map(|url| style.link(url)));
        parts.join(", ")
    }
}

/// How text from a file is written out.
#[derive(Clone, Copy)]
enum Style {
    Plain,
    Markdown,
}

impl Style {
    fn text(self, text: &str) -> String {
        match self {
            Style::Plain => one_line(text).into_owned(),
            Style::Markdown => md_text(text),
        }
    }

    /// A web link as it opens (the parsed URL's text, which has no spaces or
    /// angle brackets, so it is safe between `<` and `>` in Markdown, where
    /// nothing is escaped); anything else as the file gives it, its hidden
    /// characters shown, since a draft's reader may still want to look it up.
    fn link(self, url: &str) -> String {
        match (web_link(url), self) {
            (Ok(link), Style::Plain) => link.to_string(),
            (Ok(link), Style::Markdown) => format!("<{link}>"),
            (Err(_), Style::Plain) => escape_for_terminal(&one_line(url)).into_owned(),
            (Err(_), Style::Markdown) => md_text(&escape_for_terminal(url)),
        }
    }
}

/// Text with something in it, trimmed: a blank field is as good as none.
fn present(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

/// `text` ending as a sentence: with a full stop unless it already has one.
fn ended(mut text: String) -> String {
    if !text.ends_with(['.', '?', '!']) {
        text.push('.');
    }
    text
}

/// Every line break (as Unicode counts them; `\r\n` is one) made a space.
fn one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(is_line_break) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_line_break(c) {
            out.push(c);
            continue;
        }
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
        }
        out.push(' ');
    }
    Cow::Owned(out)
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The characters that format inline Markdown (emphasis, code, links, HTML,
/// strikethrough, table cells, maths) or end a heading (`#`).
const MARKDOWN_SPECIAL: [char; 12] = ['\\', '`', '*', '_', '[', ']', '<', '>', '#', '~', '|', '$'];

/// `text` on one line, read by Markdown as the very characters it holds.
fn md_text(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // `&` only matters where it could start an entity (`&amp;`, `&#38;`).
        let entity = c == '&'
            && chars
                .peek()
                .is_some_and(|n| n.is_alphanumeric() || *n == '#');
        if MARKDOWN_SPECIAL.contains(&c) || entity {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`md_text`] for the start of a line: a leading `-`, `+` or `=`, or
/// digits and `.` or `)`, would start a list or underline a heading.
fn md_line(text: &str) -> String {
    let text = md_text(text.trim_start());
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = text.split_at(digits);
    if digits > 0 && rest.starts_with(['.', ')']) {
        return format!("{number}\\{rest}");
    }
    if text.starts_with(['-', '+', '=']) {
        return format!("\\{text}");
    }
    text
}

#[cfg(test)]
#[path = "cite_tests.rs"]
mod tests;
