//! Places projected once, not once a frame: each place's Web Mercator
//! position in the unit square is worked out when a dataset arrives, and a
//! frame only scales and shifts it. Projecting 100,000 places through walkers
//! (a tangent and a logarithm each) took a third of a frame.

use eframe::egui::Pos2;
use walkers::{Projector, lon_lat};

/// A position in Web Mercator's unit square, as walkers projects it
/// (x east from 0 at −180°, y south from 0 at the top), in f64: at the closest
/// zoom the world is 33 million pixels wide.
pub fn unit_square(lon: f64, lat: f64) -> [f64; 2] {
    let x = (1.0 + lon.to_radians() / std::f64::consts::PI) / 2.0;
    let y = (1.0 - lat.to_radians().tan().asinh() / std::f64::consts::PI) / 2.0;
    [x, y]
}

/// How this frame's map turns unit-square positions into screen points.
pub struct ToScreen {
    center: [f64; 2],
    center_on_screen: Pos2,
    /// Pixels per unit of the square: the world's width at this zoom.
    scale: f64,
}

impl ToScreen {
    /// From the map's projector. The centre and the scale are measured near
    /// the centre, so nothing large is ever held in an f32.
    pub fn new(projector: &Projector) -> ToScreen {
        let center_on_screen = projector.clip_rect().center();
        let center = projector.unproject(center_on_screen.to_vec2());
        let (lon, lat) = (center.x(), center.y());
        let east = projector.project(lon_lat(lon + 1.0, lat));
        let unit = unit_square(lon + 1.0, lat)[0] - unit_square(lon, lat)[0];
        ToScreen {
            center: unit_square(lon, lat),
            center_on_screen,
            scale: f64::from(east.x - center_on_screen.x) / unit,
        }
    }

    pub fn apply(&self, [x, y]: [f64; 2]) -> Pos2 {
        Pos2::new(
            self.center_on_screen.x + ((x - self.center[0]) * self.scale) as f32,
            self.center_on_screen.y + ((y - self.center[1]) * self.scale) as f32,
        )
    }
}

#[cfg(test)]
mod tests {
    use eframe::egui::{Rect, pos2};
    use walkers::{MapMemory, MercatorProjection};

    use super::*;

    #[test]
    fn places_land_where_walkers_projects_them_at_every_zoom() {
        let rect = Rect::from_min_max(pos2(0.0, 20.0), pos2(880.0, 700.0));
        let places = [
            (66.4392, 30.9535),
            (61.0667, 34.6667),
            (66.45, 30.96),
            (0.0, 0.0),
        ];
        for zoom in [2.0, 5.5, 9.0, 13.3, 17.0, 19.0] {
            let mut memory = MapMemory::default();
            memory.center_at(lon_lat(66.44, 30.95));
            memory.set_zoom(zoom).unwrap_or_default();
            let projector = Projector::new(rect, &MercatorProjection, &memory, lon_lat(0.0, 0.0));
            let to_screen = ToScreen::new(&projector);
            for (lon, lat) in places {
                let expected = projector.project(lon_lat(lon, lat)).to_pos2();
                let got = to_screen.apply(unit_square(lon, lat));
                // Only positions on or near the screen matter; those must agree to a hair.
                if rect.expand(2000.0).contains(expected) {
                    assert!(
                        got.distance(expected) < 0.05,
                        "zoom {zoom}: {got:?} vs {expected:?}"
                    );
                }
            }
        }
    }
}
