//! eframe's own saved state (`app.ron`: egui's memory, the window's place),
//! checked before the window starts.
//!
//! eframe restores it before any of our code runs, and some values crash the
//! start: a zoom factor of 0, a negative one or NaN fails winit's scale check,
//! 1e30 overflows a window size. eframe never rewrites the file after such a
//! crash, so every later start would crash too. Here each entry that could do
//! that is replaced by its default and the file rewritten, and each repair is
//! said in the status line; a file that cannot be read at all is moved aside.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use eframe::egui;

use crate::files::read_file;

/// The key eframe keeps egui's memory under (its `STORAGE_EGUI_MEMORY_KEY`).
const EGUI_KEY: &str = "egui";
/// The key eframe keeps the window's position and size under.
const WINDOW_KEY: &str = "window";
/// egui's own zoom control offers 0.1–10; outside that nothing is usable.
const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.1..=10.0;
/// X11 keeps window positions and sizes in 16 bits; nothing outside fits any screen.
const LARGEST_COORDINATE: f64 = 32767.0;
/// Monitors' scale factors; 0 or NaN would divide the saved position by nothing.
const SCALE_RANGE: std::ops::RangeInclusive<f64> = 0.25..=16.0;

/// The file eframe will restore from, for the app id `app_id`.
pub fn path(app_id: &str) -> Option<PathBuf> {
    eframe::storage_dir(app_id).map(|dir| dir.join("app.ron"))
}

/// Makes the saved state at `path` safe to start from; returns what was
/// changed, in words, for the status line. A missing file is no news.
pub fn repair(path: &Path) -> Vec<String> {
    let text = match read_file(path, 64 << 20) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| e.to_string()),
        Err(crate::files::ReadError::Io(_)) if !path.exists() => return Vec::new(),
        Err(error) => Err(error.to_string()),
    };
    let entries = text.and_then(|text| {
        ron::from_str::<HashMap<String, String>>(&text).map_err(|e| e.to_string())
    });
    let mut entries = match entries {
        Ok(entries) => entries,
        Err(reason) => return vec![move_aside(path, &reason)],
    };
    let notes: Vec<String> = [
        repair_egui_memory(&mut entries),
        repair_window(&mut entries),
    ]
    .into_iter()
    .flatten()
    .collect();
    if notes.is_empty() {
        return notes;
    }
    match write(path, &entries) {
        Ok(()) => notes,
        Err(error) => vec![format!(
            "The saved window state in {} needs repair but could not be rewritten ({error}); \
             delete it if the window does not start.",
            path.display()
        )],
    }
}

fn repair_egui_memory(entries: &mut HashMap<String, String>) -> Option<String> {
    let text = entries.get(EGUI_KEY)?;
    let Ok(mut memory) = ron::from_str::<egui::Memory>(text) else {
        entries.remove(EGUI_KEY);
        return Some("The saved interface state could not be read; it was reset.".to_owned());
    };
    let zoom = memory.options.zoom_factor;
    if zoom.is_finite() && ZOOM_RANGE.contains(&zoom) {
        return None;
    }
    memory.options.zoom_factor = 1.0;
    match ron::ser::to_string(&memory) {
        Ok(text) => entries.insert(EGUI_KEY.to_owned(), text),
        Err(_) => entries.remove(EGUI_KEY),
    };
    Some(format!(
        "The saved interface zoom ({zoom}) is not usable; it was reset to 100%."
    ))
}

/// The window's saved geometry is eframe's private type: judged by its numbers.
fn repair_window(entries: &mut HashMap<String, String>) -> Option<String> {
    let text = entries.get(WINDOW_KEY)?;
    let usable = ron::from_str::<ron::Value>(text).is_ok_and(|value| numbers_usable(&value, None));
    if usable {
        return None;
    }
    entries.remove(WINDOW_KEY);
    Some("The saved window position and size were not usable; the default size is used.".to_owned())
}

/// Every number finite and on a screen; a `scale_factor` also a real one.
fn numbers_usable(value: &ron::Value, key: Option<&str>) -> bool {
    match value {
        ron::Value::Number(number) => {
            let n = number.into_f64();
            match key {
                Some("scale_factor") => SCALE_RANGE.contains(&n),
                _ => n.is_finite() && n.abs() <= LARGEST_COORDINATE,
            }
        }
        ron::Value::Map(map) => map.iter().all(|(k, v)| {
            let key = match k {
                ron::Value::String(name) => Some(name.as_str()),
                _ => None,
            };
            numbers_usable(v, key)
        }),
        ron::Value::Seq(items) => items.iter().all(|v| numbers_usable(v, None)),
        ron::Value::Option(Some(inner)) => numbers_usable(inner, key),
        _ => true,
    }
}

/// Keeps an unreadable file for the user to look at, out of eframe's way.
fn move_aside(path: &Path, reason: &str) -> String {
    let aside = path.with_extension("ron.unreadable");
    match std::fs::rename(path, &aside) {
        Ok(()) => format!(
            "The saved window state could not be read ({reason}); it was moved to {} and the \
             defaults are used.",
            aside.display()
        ),
        Err(error) => format!(
            "The saved window state in {} could not be read ({reason}) nor moved aside \
             ({error}); the defaults are used.",
            path.display()
        ),
    }
}

/// Written beside the file and renamed over it, so a crash never leaves half a file.
fn write(path: &Path, entries: &HashMap<String, String>) -> std::io::Result<()> {
    let text = ron::ser::to_string_pretty(entries, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    let temporary = path.with_extension("ron.tmp");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved_with_zoom(dir: &Path, zoom: &str) -> PathBuf {
        let mut memory = egui::Memory::default();
        memory.options.zoom_factor = 1.5;
        let egui_text = ron::ser::to_string(&memory)
            .unwrap()
            .replace("zoom_factor:1.5", &format!("zoom_factor:{zoom}"));
        assert!(
            egui_text.contains(&format!("zoom_factor:{zoom}")),
            "{egui_text}"
        );
        let entries = HashMap::from([
            (EGUI_KEY.to_owned(), egui_text),
            (
                "claimmap.settings".to_owned(),
                r#"{"mode":"known"}"#.to_owned(),
            ),
        ]);
        let path = dir.join("app.ron");
        write(&path, &entries).unwrap();
        path
    }

    fn temp_dir(name: &str) -> PathBuf {
        crate::files::scratch_dir(&format!("saved-{name}"))
    }

    fn restored_zoom(path: &Path) -> f32 {
        let text = std::fs::read_to_string(path).unwrap();
        let entries: HashMap<String, String> = ron::from_str(&text).unwrap();
        ron::from_str::<egui::Memory>(&entries[EGUI_KEY])
            .unwrap()
            .options
            .zoom_factor
    }

    #[test]
    fn a_zoom_factor_that_crashes_the_start_is_reset_and_said() {
        for zoom in ["0.0", "-2.0", "NaN", "1e30", "inf"] {
            let path = saved_with_zoom(&temp_dir("zoom"), zoom);
            let notes = repair(&path);
            assert_eq!(notes.len(), 1, "{zoom}: {notes:?}");
            assert!(notes[0].contains("zoom"), "{notes:?}");
            assert_eq!(restored_zoom(&path), 1.0, "{zoom}");
            // The other entries are kept as they were.
            let entries: HashMap<String, String> =
                ron::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(entries["claimmap.settings"], r#"{"mode":"known"}"#);
            assert_eq!(repair(&path), Vec::<String>::new(), "repaired once");
        }
    }

    #[test]
    fn a_usable_zoom_factor_is_left_alone() {
        let path = saved_with_zoom(&temp_dir("good-zoom"), "1.25");
        let before = std::fs::read(&path).unwrap();
        assert!(repair(&path).is_empty());
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_window_off_every_screen_is_forgotten() {
        let dir = temp_dir("window");
        let path = dir.join("app.ron");
        let window = "(normal_geometry:(outer_position_pixels:Some((x:1e30,y:NaN)),scale_factor:1.0,\
                      inner_size_points:(x:800.0,y:600.0)),fullscreen:false,maximized:false)";
        write(
            &path,
            &HashMap::from([(WINDOW_KEY.to_owned(), window.to_owned())]),
        )
        .unwrap();
        let notes = repair(&path);
        assert!(notes[0].contains("window position"), "{notes:?}");
        let entries: HashMap<String, String> =
            ron::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert!(!entries.contains_key(WINDOW_KEY));
    }

    #[test]
    fn a_window_on_a_screen_is_kept_and_a_zero_scale_is_not() {
        let dir = temp_dir("window-ok");
        let path = dir.join("app.ron");
        let window = |scale: &str| {
            format!(
                "(normal_geometry:(outer_position_pixels:Some((x:120.0,y:80.0)),scale_factor:{scale},\
                 inner_size_points:(x:1280.0,y:800.0)),fullscreen:false,maximized:true)"
            )
        };
        write(
            &path,
            &HashMap::from([(WINDOW_KEY.to_owned(), window("1.0"))]),
        )
        .unwrap();
        assert!(repair(&path).is_empty());
        write(
            &path,
            &HashMap::from([(WINDOW_KEY.to_owned(), window("0.0"))]),
        )
        .unwrap();
        assert_eq!(repair(&path).len(), 1);
    }

    #[test]
    fn an_unreadable_file_is_moved_aside_with_a_note() {
        let dir = temp_dir("garbage");
        let path = dir.join("app.ron");
        std::fs::write(&path, "\u{0}\u{1}garbage{{{").unwrap();
        let notes = repair(&path);
        assert!(notes[0].contains("could not be read"), "{notes:?}");
        assert!(!path.exists());
        assert!(dir.join("app.ron.unreadable").exists());
    }

    #[test]
    fn no_file_is_no_news() {
        assert!(repair(&temp_dir("none").join("app.ron")).is_empty());
    }
}
