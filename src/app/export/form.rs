//! The File → Export image… and Export animation… forms: what to export,
//! checked before the file dialog opens, so a bad request never costs a
//! dialog and the long ones are confirmed with their estimated size.

use chrono::NaiveDate;
use eframe::egui::{self, RichText, Ui};

use super::files::{MAX_SIDE, MIN_SIDE, estimated_gif_bytes};
use super::{FRAMES_WITHOUT_ASKING, frame_days};
use crate::model::DatePoint;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Image,
    Animation,
}

/// The form's fields, as typed.
#[derive(Clone, Debug)]
pub struct ExportForm {
    pub kind: ExportKind,
    pub title: String,
    /// Pixels per point: 1, or 2 for print.
    pub scale: u8,
    pub from: String,
    pub to: String,
    pub step: u32,
    pub fps: f32,
    /// Also each frame as a PNG, in a folder beside the GIF.
    pub frames: bool,
    /// The user has seen the estimated size of a long animation and wants it.
    pub confirmed: bool,
}

/// A checked request, ready for the file dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub kind: ExportKind,
    pub title: String,
    pub scale: f32,
    /// One day for an image, the frames' days for an animation.
    pub days: Vec<NaiveDate>,
    pub fps: f32,
    pub frames: bool,
}

pub enum FormAnswer {
    Export(ExportRequest),
    Cancel,
}

impl ExportForm {
    /// A form for `kind` on the day shown, an animation over `range` (the
    /// dataset's days).
    pub fn new(kind: ExportKind, day: NaiveDate, range: Option<(NaiveDate, NaiveDate)>) -> Self {
        let (from, to) = range.unwrap_or((day, day));
        ExportForm {
            kind,
            title: String::new(),
            scale: 1,
            from: from.to_string(),
            to: to.to_string(),
            step: 1,
            fps: 4.0,
            frames: false,
            confirmed: false,
        }
    }

    /// The request, or what is wrong with the form, for the picture size in points.
    pub fn request(&self, day: NaiveDate, size: [f32; 2]) -> Result<ExportRequest, String> {
        let scale = f32::from(self.scale);
        let pixels = size.map(|side| (side * scale).round() as u32);
        if pixels
            .iter()
            .any(|&side| !(MIN_SIDE..=MAX_SIDE).contains(&side))
        {
            return Err(format!(
                "The map is {}×{} pixels at this scale; each side must be between {MIN_SIDE} and {MAX_SIDE}. Resize the window or choose 1×.",
                pixels[0], pixels[1]
            ));
        }
        let days = match self.kind {
            ExportKind::Image => vec![day],
            ExportKind::Animation => self.frame_days()?,
        };
        if days.len() > FRAMES_WITHOUT_ASKING && !self.confirmed {
            return Err(format!("{} frames: confirm the size below", days.len()));
        }
        Ok(ExportRequest {
            kind: self.kind,
            title: self.title.trim().to_owned(),
            scale,
            days,
            fps: self.fps,
            frames: self.frames,
        })
    }

    fn frame_days(&self) -> Result<Vec<NaiveDate>, String> {
        let day = |text: &str, which: &str| match text.trim().parse() {
            Ok(DatePoint::Day(day)) => Ok(day),
            _ => Err(format!(
                "{which}: \"{}\" is not a day as YYYY-MM-DD",
                text.trim()
            )),
        };
        let (from, to) = (day(&self.from, "From")?, day(&self.to, "To")?);
        if from > to {
            return Err(format!("From {from} is after To {to}"));
        }
        Ok(frame_days(from, to, self.step))
    }
}

/// The form in a window of its own; says what the user chose, if anything.
pub fn export_form_ui(
    ctx: &egui::Context,
    form: &mut ExportForm,
    day: NaiveDate,
    size: [f32; 2],
) -> Option<FormAnswer> {
    let title = match form.kind {
        ExportKind::Image => "Export image",
        ExportKind::Animation => "Export animation",
    };
    let mut answer = None;
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| answer = form_contents_ui(ui, form, day, size));
    answer
}

fn form_contents_ui(
    ui: &mut Ui,
    form: &mut ExportForm,
    day: NaiveDate,
    size: [f32; 2],
) -> Option<FormAnswer> {
    ui.horizontal(|ui| {
        let label = ui.label("Title");
        ui.add(egui::TextEdit::singleline(&mut form.title).hint_text("shown above the day"))
            .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        ui.label("Scale");
        ui.radio_value(&mut form.scale, 1, "1× (as on screen)");
        ui.radio_value(&mut form.scale, 2, "2× (sharp in print)");
    });
    if form.kind == ExportKind::Animation {
        animation_fields_ui(ui, form);
    }
    let request = form.request(day, size);
    let pixels = size.map(|side| (side * f32::from(form.scale)).round() as u32);
    let frames = match form.kind {
        ExportKind::Image => 1,
        ExportKind::Animation => form.frame_days().map_or(0, |d| d.len()),
    };
    ui.weak(summary(form.kind, pixels, frames, form.fps));
    if frames > FRAMES_WITHOUT_ASKING {
        let megabytes = estimated_gif_bytes(pixels, frames) / 1_000_000;
        let text = format!("Yes, make {frames} frames (about {megabytes} MB)");
        ui.checkbox(&mut form.confirmed, text);
    }
    if let Err(problem) = &request {
        ui.label(RichText::new(problem).color(ui.visuals().warn_fg_color));
    }
    let mut answer = None;
    ui.horizontal(|ui| {
        let export = ui.add_enabled(request.is_ok(), egui::Button::new("Export…"));
        if let (true, Ok(request)) = (export.clicked(), &request) {
            answer = Some(FormAnswer::Export(request.clone()));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(FormAnswer::Cancel);
        }
    });
    answer
}

fn animation_fields_ui(ui: &mut Ui, form: &mut ExportForm) {
    ui.horizontal(|ui| {
        let from = ui.label("From");
        ui.add(egui::TextEdit::singleline(&mut form.from).desired_width(90.0))
            .labelled_by(from.id);
        let to = ui.label("To");
        ui.add(egui::TextEdit::singleline(&mut form.to).desired_width(90.0))
            .labelled_by(to.id);
    });
    ui.horizontal(|ui| {
        let every = ui.label("Days per frame");
        ui.add(egui::DragValue::new(&mut form.step).range(1..=365))
            .labelled_by(every.id);
        let fps = ui.label("Frames a second");
        ui.add(
            egui::DragValue::new(&mut form.fps)
                .range(0.5..=30.0)
                .speed(0.1),
        )
        .labelled_by(fps.id);
    });
    ui.checkbox(&mut form.frames, "Also save each frame as a PNG");
}

/// "Map 880×621 pixels, the caption added below · 20 frames, 5.0 s" under the fields.
fn summary(kind: ExportKind, [width, height]: [u32; 2], frames: usize, fps: f32) -> String {
    let size = format!("Map {width}×{height} pixels, the caption added below");
    match kind {
        ExportKind::Image => size,
        ExportKind::Animation => {
            let seconds = frames as f32 / fps.max(0.1);
            format!("{size} · {frames} frames, {seconds:.1} s")
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]

    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn an_animation_has_a_frame_every_step_days_up_to_the_last() {
        let mut form = ExportForm::new(ExportKind::Animation, day("2021-07-14"), None);
        form.from = "2021-07-01".into();
        form.to = "2021-07-20".into();
        let request = form.request(day("2021-07-14"), [800.0, 600.0]).unwrap();
        assert_eq!(request.days.len(), 20);
        form.step = 7;
        let request = form.request(day("2021-07-14"), [800.0, 600.0]).unwrap();
        assert_eq!(
            request.days,
            [day("2021-07-01"), day("2021-07-08"), day("2021-07-15")]
        );
    }

    #[test]
    fn a_bad_form_says_why_and_a_long_one_waits_for_confirmation() {
        let mut form = ExportForm::new(ExportKind::Animation, day("2021-07-14"), None);
        form.from = "July".into();
        let said = form.request(day("2021-07-14"), [800.0, 600.0]).unwrap_err();
        assert!(said.contains("not a day"), "{said}");
        form.from = "2000-01-01".into();
        form.to = "2030-01-01".into();
        let said = form.request(day("2021-07-14"), [800.0, 600.0]).unwrap_err();
        assert!(said.contains("confirm"), "{said}");
        form.confirmed = true;
        assert!(form.request(day("2021-07-14"), [800.0, 600.0]).is_ok());
        let image = ExportForm::new(ExportKind::Image, day("2021-07-14"), None);
        let said = image.request(day("2021-07-14"), [10.0, 600.0]).unwrap_err();
        assert!(said.contains("between"), "{said}");
    }
}
