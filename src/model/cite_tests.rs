//! Citations and Markdown summaries: of the built-in claims, and of
//! hand-built ones whose sources lack parts or whose text could break Markdown.

use super::*;
use crate::model::test_world::{day, party, place, says};
use crate::model::{DateSpec, Event, EventTable, EventsFile, Gazetteer, Lens, Mode, Source};

/// The event with this id.
fn event_id(dataset: &Dataset, id: &str) -> usize {
    dataset.events().ids().position(|e| e == id).unwrap()
}

#[test]
fn a_built_in_claim_is_cited_in_one_paragraph() {
    let dataset = crate::data::built_in_dataset();
    // Made the day before the report: the claim's day is said.
    assert_eq!(
        citation(&dataset, event_id(&dataset, "iq-1")),
        "Reuters, \"Taliban capture Afghan border crossings with five countries\", \
         published 9 Jul 2021. Two senior security officials, speaking to Reuters on \
         condition of anonymity (claim dated 8 Jul 2021): \"Two senior security officials \
         told Reuters on condition of anonymity that the Islam Qala border crossing with \
         Iran, located in Herat province, had fallen to the Taliban and that Afghan security \
         and customs officials had fled across the border.\""
    );
    // Made on the day of the report: the publication's day says it.
    assert_eq!(
        citation(&dataset, event_id(&dataset, "iq-6")),
        "Le Monde with AFP, \"In Afghanistan, the Taliban take the largest border crossing \
         with Iran\", published 9 Jul 2021. Zabihullah Mujahid, Taliban spokesperson: \
         \"Zabihullah Mujahid, a Taliban spokesperson, said the Islam Qala border post was \
         “Completely” under the control of the insurgents, who “Will reactivate today”.\""
    );
}

/// One place "p", the Taliban and the government, the sources given, and the events.
fn world(sources: Vec<Source>, events: Vec<Event>) -> Dataset {
    let file = EventsFile {
        parties: vec![party("taliban", None), party("government", None)],
        sources,
        events: EventTable::from_events(&events),
        maps: Vec::new(),
    };
    let places = Gazetteer {
        places: vec![place("p")],
    };
    Dataset::link(places, file).0
}

fn source(id: &str, outlet: &str, published: Option<&str>) -> Source {
    Source {
        id: id.into(),
        outlet: outlet.into(),
        title: None,
        url: None,
        published: published.map(|day| day.parse::<DateSpec>().unwrap()),
        author: None,
        note: None,
    }
}

/// The Taliban say they hold "p" on `date`, citing `source`, with `quote`.
fn quoted(id: &str, date: &str, source: Option<&str>, quote: Option<&str>) -> Event {
    Event {
        source: source.map(Into::into),
        quote: quote.map(Into::into),
        ..says(id, date, "taliban", "taliban")
    }
}

#[test]
fn what_a_source_lacks_is_left_out_without_stray_commas() {
    let full = Source {
        title: Some("Taliban say they hold the crossing".into()),
        author: Some("A. Reporter".into()),
        url: Some("https://www.example.org/crossing".into()),
        ..source("full", "Example News", Some("2021-07-10"))
    };
    let sources = vec![
        source("bare", "Radio Kandahar", Some("2021-07-10")),
        full,
        source("undated", "A blog", None),
        // A link that is no web link is still given, as written.
        Source {
            url: Some("www.example.org/x".into()),
            title: Some("  ".into()),
            ..source("odd", "Odd Outlet", Some("2021-07-09"))
        },
    ];
    let events = vec![
        quoted("a", "2021-07-09", Some("bare"), Some("We hold it.")),
        quoted("b", "2021-07-10", Some("full"), Some("We hold it.")),
        quoted("c", "2021-07-09", Some("undated"), Some("We hold it.")),
        quoted("d", "2021-07-09", Some("odd"), Some("We\nhold it.")),
        quoted("e", "2021-07-09", None, Some("We hold it.")),
        quoted("f", "2021-07-09", Some("ghost"), Some("We hold it.")),
        quoted("g", "2021-07-09", Some("bare"), None),
    ];
    let dataset = world(sources, events);
    let cite = |id: &str| citation(&dataset, event_id(&dataset, id));
    assert_eq!(
        cite("a"),
        "Radio Kandahar, published 10 Jul 2021. taliban (claim dated 9 Jul 2021): \"We hold it.\""
    );
    assert_eq!(
        cite("b"),
        "Example News, \"Taliban say they hold the crossing\", by A. Reporter, published \
         10 Jul 2021, https://www.example.org/crossing. taliban: \"We hold it.\""
    );
    assert_eq!(
        cite("c"),
        "A blog. taliban (claim dated 9 Jul 2021): \"We hold it.\""
    );
    assert_eq!(
        cite("d"),
        "Odd Outlet, published 9 Jul 2021, www.example.org/x. taliban: \"We hold it.\""
    );
    assert_eq!(
        cite("e"),
        "No source given. taliban (claim dated 9 Jul 2021): \"We hold it.\""
    );
    assert_eq!(
        cite("f"),
        "Source \"ghost\" (not listed in the events file). taliban (claim dated 9 Jul 2021): \
         \"We hold it.\""
    );
    assert_eq!(
        cite("g"),
        "Radio Kandahar, published 10 Jul 2021. p: taliban say they hold it (claim dated 9 Jul 2021)."
    );
}

#[test]
fn islam_qala_on_14_july_in_markdown_quotes_each_claim_once() {
    let dataset = crate::data::built_in_dataset();
    let place = dataset.place_by_id("islam-qala").unwrap();
    let on = day("2021-07-14");
    let lens = Lens::new(Mode::Event);
    let state = dataset.place_state_with(place, on, &lens);
    let text = claims_markdown(&dataset, place, on, &lens, &state);
    assert!(text.starts_with("## Islam Qala, 14 Jul 2021\n\n"), "{text}");
    let story = dataset.state_story(place, &state, on, &lens);
    assert!(text.contains(&format!("\n{story}.\n")), "{text}");
    assert!(story.starts_with("Held by Taliban (confirmed) since 9 Jul 2021"));
    assert!(
        !text.contains("believ"),
        "no filter is said when there is none"
    );
    let standing = text.find("### Why this colour").unwrap();
    let others = text.find("### Other claims up to 14 Jul 2021").unwrap();
    let mut bullets = 0;
    for event in dataset.events_of_place(place) {
        let e = dataset.event(event);
        let quote = md_text(e.quote.unwrap());
        assert_eq!(text.matches(&quote).count(), 1, "{}: {text}", e.id);
        let bullet = text.find(&format!("(event {}).", e.id)).unwrap();
        // The claims that decide the colour are listed apart from the rest.
        let listed_as_standing = bullet > standing && bullet < others;
        assert_eq!(
            listed_as_standing,
            state.claims.contains(&event),
            "{}",
            e.id
        );
        bullets += 1;
    }
    assert_eq!(text.matches("\n- **").count(), bullets);
    // The confirmed admission, with its quote and source on lines of its own.
    assert!(text.contains(
        "- **Afghan Ministry of Interior Affairs say Taliban hold it**, 9 Jul 2021, confirmed (event iq-7).\n  Tareq Arian, Interior Ministry spokesman: \"According to"
    ));
    assert!(text.contains(
        "\n  Source: Le Monde with AFP, \"In Afghanistan, the Taliban take the largest border crossing with Iran\", published 9 Jul 2021.\n"
    ));
    assert!(
        text.contains("estimated \\$20 million"),
        "maths never starts"
    );
}

#[test]
fn the_filter_and_the_mode_are_said_with_what_they_leave_out() {
    let dataset = crate::data::built_in_dataset();
    let place = dataset.place_by_id("islam-qala").unwrap();
    let on = day("2021-07-14");
    let doubting = Believe::except(&dataset, &["taliban"]).unwrap();
    let lens = Lens::new(Mode::Known).with_believe(doubting);
    let state = dataset.place_state_with(place, on, &lens);
    let text = claims_markdown(&dataset, place, on, &lens, &state);
    assert!(
        text.contains(
            "\nNot believing Taliban: the state is as if their claims had never been made.\n"
        ),
        "{text}"
    );
    // Two claims come from a roundup published on 19 July.
    assert!(text.contains(
        "\nAs known on 14 Jul 2021: claims whose source was published later do not count; 2 claims dated by then are left out for that.\n"
    ), "{text}");
    assert!(!text.contains("(event iq-9)"), "unpublished: {text}");
    assert!(
        text.contains("9 Jul 2021, not believed (event iq-5)."),
        "{text}"
    );
}

#[test]
fn a_side_stands_for_the_parties_that_speak_for_it() {
    let dataset = crate::data::built_in_dataset();
    let government = Believe::except(&dataset, &["government"]).unwrap();
    assert_eq!(
        believe_in_words(&dataset, &government).as_deref(),
        Some("Not believing Afghan government")
    );
    let only = Believe::only(&dataset, &["taliban", "pakistani-officials"]).unwrap();
    assert_eq!(
        believe_in_words(&dataset, &only).as_deref(),
        Some("Believing only Taliban, Pakistani officials")
    );
    assert_eq!(believe_in_words(&dataset, &Believe::All), None);
    assert_eq!(
        believe_in_words(&dataset, &Believe::Only(vec![])).as_deref(),
        Some("Believing no one")
    );
}

#[test]
fn quoted_text_cannot_break_the_list() {
    let nasty =
        "*bold* _it_ [link](x) <b>\n- not a bullet\r\n\n# not a heading `code` ~x~ a|b &amp; \\";
    let speaker = Event {
        speaker: Some("1. First speaker".into()),
        ..quoted("x", "2021-07-09", Some("s"), Some(nasty))
    };
    let sources = vec![Source {
        title: Some("# A [title]".into()),
        url: Some("https://example.org/a_b*c".into()),
        ..source("s", "Outlet_with*stars", Some("2021-07-09"))
    }];
    let dataset = world(sources, vec![speaker]);
    let state = dataset.place_state_with(0, day("2021-07-10"), &Lens::default());
    let text = claims_markdown(&dataset, 0, day("2021-07-10"), &Lens::default(), &state);
    assert!(text.contains(
        "\n  1\\. First speaker: \"\\*bold\\* \\_it\\_ \\[link\\](x) \\<b\\> - not a bullet  \\# not a heading \\`code\\` \\~x\\~ a\\|b \\&amp; \\\\\"\n"
    ), "{text}");
    assert!(text.contains(
        "\n  Source: Outlet\\_with\\*stars, \"\\# A \\[title\\]\", published 9 Jul 2021, <https://example.org/a_b*c>.\n"
    ), "{text}");
    // Every line is the heading, a blank, prose, a section, or part of a bullet.
    for line in text.lines() {
        let ok = line.is_empty()
            || line.starts_with("## ")
            || line.starts_with("### ")
            || line.starts_with("- **")
            || line.starts_with("  ")
            || line.starts_with(char::is_alphabetic);
        assert!(ok, "{line:?} in {text}");
    }
    // The plain citation keeps the text as written, on one line.
    let plain = citation(&dataset, 0);
    assert!(!plain.contains('\n') && !plain.contains('\r'), "{plain}");
    assert!(plain.contains("\"*bold* _it_ [link](x) <b> - not a bullet  # not a heading"));
}

#[test]
fn line_starts_that_would_make_blocks_are_escaped() {
    assert_eq!(md_line("- dash"), "\\- dash");
    assert_eq!(md_line("+ plus"), "\\+ plus");
    assert_eq!(md_line("==="), "\\===");
    assert_eq!(md_line("12) twelve"), "12\\) twelve");
    assert_eq!(md_line("2021 was"), "2021 was");
    assert_eq!(md_line("> quote"), "\\> quote");
    assert_eq!(md_text("AT&T, R & D"), "AT\\&T, R & D");
}
