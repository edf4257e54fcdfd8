//! File → Add map series…: a folder of a publisher's daily maps, and a small
//! form for what they claim (who publishes them, whom they show holding what,
//! how verified, and which files are the maps). The series joins the open
//! events; it is written into an events file only by saving one.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Ui};

use crate::model::{MapSeries, Party, SeriesListing, Verification};

/// The form, as filled in so far.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesForm {
    pub folder: PathBuf,
    pub id: String,
    pub claimant: String,
    pub controller: String,
    pub verification: Verification,
    pub files: String,
}

/// What the user did with the form.
#[derive(Clone, Debug, PartialEq)]
pub enum FormAnswer {
    Add {
        folder: PathBuf,
        listing: SeriesListing,
    },
    Cancel,
}

impl SeriesForm {
    /// A form for the maps in `folder`: the series named after the folder,
    /// its files the kind of map file the folder holds most of.
    pub fn for_folder(folder: PathBuf) -> SeriesForm {
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned());
        let id = slug(name.as_deref().unwrap_or("maps"));
        let files = format!("*.{}", commonest_map_extension(&folder));
        SeriesForm {
            folder,
            id,
            claimant: String::new(),
            controller: String::new(),
            verification: Verification::Claimed,
            files,
        }
    }

    /// The series as an events file would list it, or what is missing.
    pub fn listing(&self) -> Result<SeriesListing, &'static str> {
        let field = |text: &str, missing| {
            let text = text.trim();
            if text.is_empty() {
                Err(missing)
            } else {
                Ok(text.to_owned())
            }
        };
        let series = MapSeries {
            id: field(&self.id, "Name the series")?,
            name: None,
            claimant: field(&self.claimant, "Say who publishes the maps")?,
            controller: field(
                &self.controller,
                "Say whom the maps show holding what they cover",
            )?,
            verification: self.verification,
            source: None,
        };
        let files = field(&self.files, "Say which files are the maps, e.g. *.geojson")?;
        Ok(SeriesListing { series, files })
    }
}

/// The form as a window; `Some` once the user adds the series or cancels.
/// `parties` are offered for the claimant and the controller.
pub fn series_form_ui(
    ctx: &egui::Context,
    form: &mut SeriesForm,
    parties: &[Party],
) -> Option<FormAnswer> {
    let mut answer = None;
    egui::Window::new("Add map series")
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(format!("Maps in {}", form.folder.display()));
            egui::Grid::new("series-form")
                .num_columns(2)
                .show(ui, |ui| {
                    text_row_ui(ui, "Series", &mut form.id, "isw-assessed");
                    party_row_ui(ui, "Published by", &mut form.claimant, parties);
                    party_row_ui(ui, "Shows held by", &mut form.controller, parties);
                    ui.label("Verification");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut form.verification, Verification::Claimed, "claimed");
                        ui.radio_value(
                            &mut form.verification,
                            Verification::Confirmed,
                            "confirmed",
                        );
                    });
                    ui.end_row();
                    text_row_ui(ui, "Map files", &mut form.files, "*.geojson");
                });
            let listing = form.listing();
            if let Err(missing) = listing {
                ui.weak(missing);
            }
            ui.horizontal(|ui| {
                let add = ui.add_enabled(listing.is_ok(), egui::Button::new("Add series"));
                if add.clicked()
                    && let Ok(listing) = listing
                {
                    let folder = form.folder.clone();
                    answer = Some(FormAnswer::Add { folder, listing });
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(FormAnswer::Cancel);
                }
            });
        });
    answer
}

fn text_row_ui(ui: &mut Ui, label: &str, text: &mut String, hint: &str) {
    let label = ui.label(label);
    ui.add(egui::TextEdit::singleline(text).hint_text(hint))
        .labelled_by(label.id);
    ui.end_row();
}

/// A party's id, typed or picked from the parties of the open events.
fn party_row_ui(ui: &mut Ui, label: &str, id: &mut String, parties: &[Party]) {
    let label = ui.label(label);
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(id)
                .hint_text("party id")
                .desired_width(140.0),
        )
        .labelled_by(label.id);
        let picker = egui::ComboBox::from_id_salt(("series-party", label.id))
            .selected_text("pick")
            .show_ui(ui, |ui| {
                for party in parties {
                    ui.selectable_value(id, party.id.clone(), &party.name);
                }
            });
        picker.response.labelled_by(label.id);
    });
    ui.end_row();
}

/// Lowercase letters, digits and dashes: an id from a folder's name.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "maps".to_owned()
    } else {
        slug.to_owned()
    }
}

/// "geojson" or "json", whichever more files in `folder` end with;
/// "geojson" when the folder cannot be read or has neither.
fn commonest_map_extension(folder: &Path) -> &'static str {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return "geojson";
    };
    let (mut geojson, mut json) = (0, 0);
    for entry in entries.flatten() {
        let path = entry.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("geojson") => geojson += 1,
            Some(e) if e.eq_ignore_ascii_case("json") => json += 1,
            _ => {}
        }
    }
    if json > geojson { "json" } else { "geojson" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_names_the_series_and_its_files_and_the_form_says_what_is_missing() {
        let dir = std::env::temp_dir().join(format!(
            "claimmap-form-{}/ISW Assessed (daily)",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["a-2022-02-24.json", "a-2022-02-25.json", "readme.geojson"] {
            std::fs::write(dir.join(name), "{}").unwrap();
        }
        let mut form = SeriesForm::for_folder(dir.clone());
        assert_eq!(
            (form.id.as_str(), form.files.as_str()),
            ("isw-assessed-daily", "*.json")
        );
        assert_eq!(form.listing(), Err("Say who publishes the maps"));
        form.claimant = " isw ".into();
        form.controller = "russia".into();
        let listing = form.listing().unwrap();
        assert_eq!(listing.series.claimant, "isw");
        assert_eq!(listing.files, "*.json");
        form.files.clear();
        assert_eq!(
            form.listing(),
            Err("Say which files are the maps, e.g. *.geojson")
        );
        assert_eq!(
            SeriesForm::for_folder(dir.join("missing")).files,
            "*.geojson"
        );
    }
}
