//! One prepared geometry per zoom level, each filled in once, by the thread
//! that builds them, nearest the zoom on screen first; until the wanted level
//! is ready, the nearest ready one is drawn.

use std::sync::OnceLock;

/// From this level on data is drawn as it is (see [`super::Scale`]).
pub const FINEST_LEVEL: u8 = 12;

/// Every level's geometry, each set once.
pub struct Levels<T> {
    levels: Vec<OnceLock<T>>,
}

impl<T> Default for Levels<T> {
    fn default() -> Self {
        Levels {
            levels: (0..=FINEST_LEVEL).map(|_| OnceLock::new()).collect(),
        }
    }
}

impl<T> Levels<T> {
    /// Sets a level; a level already set keeps its first geometry.
    pub fn set(&self, level: u8, geometry: T) {
        if let Some(slot) = self.levels.get(usize::from(level)) {
            let _ = slot.set(geometry);
        }
    }

    pub fn get(&self, level: u8) -> Option<&T> {
        self.levels.get(usize::from(level))?.get()
    }

    /// The level made for `zoom` if it is built, else the nearest built one.
    pub fn best(&self, zoom: f64) -> Option<&T> {
        build_order(level_for(zoom)).find_map(|level| self.get(level))
    }

    /// Whether the level made for `zoom` is built: an export waits for it
    /// rather than drawing a coarser stand-in.
    pub fn ready_at(&self, zoom: f64) -> bool {
        self.get(level_for(zoom)).is_some()
    }

    pub fn is_complete(&self) -> bool {
        self.levels.iter().all(|level| level.get().is_some())
    }
}

/// The level drawn at a (fractional) map zoom.
pub fn level_for(zoom: f64) -> u8 {
    // The clamp keeps the value in 0..=FINEST_LEVEL, so the cast is exact.
    zoom.floor().clamp(0.0, f64::from(FINEST_LEVEL)) as u8
}

/// Every level, nearest to `first` first; on a tie the coarser, which is cheaper.
pub fn build_order(first: u8) -> impl Iterator<Item = u8> {
    let mut order: Vec<u8> = (0..=FINEST_LEVEL).collect();
    order.sort_by_key(|&level| (level.abs_diff(first), level > first));
    order.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_level_is_drawn_from_the_nearest_one_built() {
        let levels = Levels::default();
        assert!(levels.best(6.0).is_none());
        levels.set(3, "three");
        levels.set(9, "nine");
        assert_eq!(levels.best(8.7), Some(&"nine"), "9 is nearer to 8");
        assert_eq!(levels.best(5.5), Some(&"three"), "3 is nearer to 5");
        assert_eq!(levels.best(6.0), Some(&"three"), "a tie goes coarser");
        levels.set(9, "again");
        assert_eq!(levels.get(9), Some(&"nine"), "set once");
        assert!(!levels.is_complete());
    }

    #[test]
    fn levels_are_built_nearest_the_first_zoom_first() {
        let order: Vec<u8> = build_order(5).collect();
        assert_eq!(order[..5], [5, 4, 6, 3, 7]);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..=FINEST_LEVEL).collect::<Vec<_>>());
    }

    #[test]
    fn zooms_past_the_finest_level_draw_the_finest() {
        assert_eq!(level_for(17.5), FINEST_LEVEL);
        assert_eq!(level_for(-1.0), 0);
        assert_eq!(level_for(6.99), 6);
    }
}
