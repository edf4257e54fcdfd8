//! From world units (see [`crate::shapes::mercator`]) to the screen, for the
//! layers drawn from prepared geometry: the basemap, the areas, the maps of a series.

use eframe::egui::{Pos2, Rect};
use walkers::Projector;

use crate::shapes::{Bounds, mercator, world_size};

/// Where world units land on the screen this frame.
#[derive(Clone, Copy, Debug)]
pub struct ScreenTransform {
    scale: f64,
    offset: [f64; 2],
}

impl ScreenTransform {
    pub fn of(projector: &Projector) -> ScreenTransform {
        // Anchored at the centre of the map, not at the world's origin, so that
        // f32 screen positions stay exact at street zoom.
        let centre = projector.clip_rect().center();
        let anchor = projector.unproject(centre.to_vec2());
        let [x, y] = mercator(anchor.x(), anchor.y());
        let scale = world_size(projector.zoom());
        ScreenTransform {
            scale,
            offset: [
                f64::from(centre.x) - x * scale,
                f64::from(centre.y) - y * scale,
            ],
        }
    }

    /// A point on the screen in f64, for arithmetic on positions far off screen.
    pub fn to_screen_f64(self, [x, y]: [f64; 2]) -> [f64; 2] {
        [
            x * self.scale + self.offset[0],
            y * self.scale + self.offset[1],
        ]
    }

    pub fn to_screen(self, p: [f64; 2]) -> Pos2 {
        let [x, y] = self.to_screen_f64(p);
        // Screen coordinates fit an f32; that is what egui draws with.
        Pos2::new(x as f32, y as f32)
    }

    fn to_world(self, p: Pos2) -> [f64; 2] {
        [
            (f64::from(p.x) - self.offset[0]) / self.scale,
            (f64::from(p.y) - self.offset[1]) / self.scale,
        ]
    }

    /// What of the world `rect` shows.
    pub fn visible(self, rect: Rect) -> Bounds {
        Bounds {
            min: self.to_world(rect.min),
            max: self.to_world(rect.max),
        }
    }
}

/// A screen rectangle as [`Bounds`], for the f64 arithmetic of hatching.
pub fn screen_bounds(rect: Rect) -> Bounds {
    Bounds {
        min: [rect.min.x.into(), rect.min.y.into()],
        max: [rect.max.x.into(), rect.max.y.into()],
    }
}

/// Splits a line into the runs that cross `clip`, so that egui tessellates only those.
pub fn visible_runs(points: impl Iterator<Item = Pos2>, clip: Rect, out: &mut Vec<Vec<Pos2>>) {
    let clip = clip.expand(4.0);
    let mut run: Vec<Pos2> = Vec::new();
    let mut previous: Option<Pos2> = None;
    for point in points {
        if let Some(from) = previous {
            if clip.intersects(Rect::from_two_pos(from, point)) {
                if run.is_empty() {
                    run.push(from);
                }
                run.push(point);
            } else if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
        }
        previous = Some(point);
    }
    if run.len() >= 2 {
        out.push(run);
    }
}

#[cfg(test)]
mod tests {
    use eframe::egui;
    use walkers::{MapMemory, MercatorProjection, lon_lat};

    use super::*;

    fn screen_position(projector: &Projector, lon: f64, lat: f64) -> Pos2 {
        ScreenTransform::of(projector).to_screen(mercator(lon, lat))
    }

    #[test]
    fn the_world_lands_where_walkers_puts_the_same_place() {
        let rect = Rect::from_min_size(Pos2::new(10.0, 40.0), egui::vec2(900.0, 600.0));
        let mut memory = MapMemory::default();
        for zoom in [3.0, 6.5, 11.0, 16.25] {
            memory.center_at(lon_lat(66.2, 33.1));
            memory.set_zoom(zoom).expect("a valid zoom");
            let projector = Projector::new(rect, &MercatorProjection, &memory, lon_lat(0.0, 0.0));
            for (lon, lat) in [(66.43, 30.99), (69.17, 34.53), (62.2, 34.35)] {
                let ours = screen_position(&projector, lon, lat);
                let theirs = projector.project(lon_lat(lon, lat)).to_pos2();
                assert!(
                    ours.distance(theirs) < 0.5,
                    "zoom {zoom}: {ours:?} vs {theirs:?}"
                );
            }
        }
    }

    #[test]
    fn a_line_is_cut_to_the_runs_that_cross_the_view() {
        let clip = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
        let points = [
            (-50.0, 50.0),
            (50.0, 50.0),
            (300.0, 50.0),
            (400.0, 50.0),
            (500.0, 60.0),
            (50.0, 60.0),
        ]
        .map(|(x, y)| Pos2::new(x, y));
        let mut runs = Vec::new();
        visible_runs(points.into_iter(), clip, &mut runs);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0], points[0..3]);
        assert_eq!(runs[1], points[4..6]);
    }
}
