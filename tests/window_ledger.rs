//! The claim ledger in the side panel, driven by labels as a user would.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use eframe::egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use claimmap::app::Startup;
use common::{step_until, window};

#[test]
fn islam_qala_s_ledger_has_a_lane_per_claimant_and_a_bar_click_goes_to_its_day() {
    let fourteenth = chrono::NaiveDate::from_ymd_opt(2021, 7, 14);
    let mut harness = window(Startup {
        at: fourteenth,
        ..Startup::default()
    });
    harness.get_by_label("Islam Qala").click();
    harness.run();
    step_until(&mut harness, 10, "Islam Qala selected", |app| {
        app.selected().is_some()
    });
    harness.run();

    harness.get_by_role_and_label(Role::Group, "Claim ledger of Islam Qala");
    // Eight claimants speak of Islam Qala in data/events.json (iq-1..iq-10):
    // one lane each, reporters included.
    let lanes = harness.query_all_by_label_contains("Lane of ").count();
    assert_eq!(lanes, 8);
    harness.get_by_label("Lane of Afghan Ministry of Interior Affairs");
    // The Taliban's own two claims of 9 July were overtaken that day (iq-6
    // replaced iq-5; the ministry's confirmation, later in the file, settled
    // iq-6): drawn as marks that never stood, not bars.
    let taliban = harness
        .query_all_by_label_contains("said by Taliban, 9 Jul 2021; never stood")
        .count();
    assert_eq!(taliban, 2);

    // Le Monde's claim of 9 July, still standing: its card is far down the
    // panel, below the place's details; a click scrolls it into view.
    let quote = "second major border crossing taken by the Taliban";
    let panel_bottom = 680.0;
    assert!(harness.get_by_label_contains(quote).rect().top() > panel_bottom);
    harness
        .get_by_role_and_label(
            Role::Button,
            "captured by Taliban, said by Le Monde with AFP, 9 Jul – 19 Jul 2021; still standing",
        )
        .click();
    for _ in 0..10 {
        harness.step();
    }
    harness.run();
    assert_eq!(
        harness.state().day(),
        chrono::NaiveDate::from_ymd_opt(2021, 7, 9).unwrap()
    );
    let top = harness.get_by_label_contains(quote).rect().top();
    assert!(top < panel_bottom, "the card's quote is at {top}");

    // The anonymous officials' claim of 8 July, settled the next day.
    let bar = harness.get_by_role_and_label(
        Role::Button,
        "captured by Taliban, said by Afghan security officials (anonymous), 8 Jul 2021; \
         settled by a confirmed claim of Afghan Ministry of Interior Affairs, 9 Jul 2021",
    );
    bar.click();
    harness.run();
    step_until(&mut harness, 10, "the day is 8 July", |app| {
        app.day() == chrono::NaiveDate::from_ymd_opt(2021, 7, 8).unwrap()
    });
    harness.get_by_label("Thu 8 Jul 2021");
    // Still Islam Qala's ledger, now drawn on 8 July.
    harness.get_by_role_and_label(Role::Group, "Claim ledger of Islam Qala");
}
