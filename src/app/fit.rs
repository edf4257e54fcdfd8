//! "Fit to data": the centre and zoom that show every place.

use walkers::{MercatorProjection, Position, Projection as _};

/// Screen points kept free around the places, so edge markers show whole; the
/// right margin is wider because labels sit right of their markers.
const MARGIN: f64 = 50.0;
const LABEL_MARGIN: f64 = 150.0;
/// A single place (or a tight cluster) is shown at this zoom rather than at the street level.
const MAX_FIT_ZOOM: f64 = 11.0;
const MIN_FIT_ZOOM: f64 = 1.0;

/// The centre and zoom that fit `positions` in a view of `width` × `height` points
/// whose leftmost `left_inset` points are covered (by the legend), or `None` when
/// there are no positions.
pub fn fit_view(
    positions: impl IntoIterator<Item = Position>,
    width: f64,
    height: f64,
    left_inset: f64,
) -> Option<(Position, f64)> {
    let projection = MercatorProjection;
    let mut bounds: Option<[f64; 4]> = None;
    for position in positions {
        // At zoom 0 the world is one 256-point tile; zooming in doubles it per level.
        let p = projection.project(position, 0.0);
        let b = bounds.get_or_insert([p.x(), p.y(), p.x(), p.y()]);
        *b = [
            b[0].min(p.x()),
            b[1].min(p.y()),
            b[2].max(p.x()),
            b[3].max(p.y()),
        ];
    }
    let [min_x, min_y, max_x, max_y] = bounds?;
    let scale_x = (width - left_inset - MARGIN - LABEL_MARGIN).max(1.0) / (max_x - min_x);
    let scale_y = (height - 2.0 * MARGIN).max(1.0) / (max_y - min_y);
    let zoom = scale_x
        .min(scale_y)
        .log2()
        .clamp(MIN_FIT_ZOOM, MAX_FIT_ZOOM);
    // The places' middle goes to the middle of the part left free, right of the centre.
    let shift = (left_inset + MARGIN - LABEL_MARGIN) / 2.0 / zoom.exp2();
    let middle = walkers::Pixels::new((min_x + max_x) / 2.0 - shift, (min_y + max_y) / 2.0);
    Some((projection.unproject(middle, 0.0), zoom))
}

#[cfg(test)]
mod tests {
    use walkers::lon_lat;

    use super::*;

    #[test]
    fn afghanistan_s_crossings_fit_at_a_regional_zoom() {
        let corners = [lon_lat(60.5, 29.5), lon_lat(74.9, 38.5)];
        let (centre, zoom) = fit_view(corners, 900.0, 600.0, 0.0).expect("a view");
        assert!((5.0..6.5).contains(&zoom), "{zoom}");
        // East of the middle (67.7°E): room is left on the right for labels.
        assert!(centre.x() > 67.7 && centre.x() < 70.0, "{centre:?}");
        // The Mercator middle lies north of the arithmetic middle of the latitudes.
        assert!(centre.y() > 34.0 && centre.y() < 34.5, "{centre:?}");
    }

    #[test]
    fn one_place_is_shown_at_the_closest_fit_zoom() {
        let (centre, zoom) = fit_view([lon_lat(66.39, 30.99)], 900.0, 600.0, 0.0).expect("a view");
        assert_eq!(zoom, MAX_FIT_ZOOM);
        assert!((centre.y() - 30.99).abs() < 1e-9);
        // The place sits a little left of the centre, its label to the right.
        let projection = MercatorProjection;
        let offset = projection.project(centre, zoom).x()
            - projection.project(lon_lat(66.39, 30.99), zoom).x();
        assert!(
            (offset - (LABEL_MARGIN - MARGIN) / 2.0).abs() < 1e-6,
            "{offset}"
        );
    }

    #[test]
    fn a_covered_left_edge_moves_the_places_right() {
        let corners = [lon_lat(60.5, 29.5), lon_lat(74.9, 38.5)];
        let (open, _) = fit_view(corners, 900.0, 600.0, 0.0).expect("a view");
        let (covered, zoom) = fit_view(corners, 900.0, 600.0, 240.0).expect("a view");
        // The centre moves west, so the places appear further east on screen.
        assert!(covered.x() < open.x());
        let projection = MercatorProjection;
        let west = projection.project(lon_lat(60.5, 34.0), zoom);
        let centre = projection.project(covered, zoom);
        assert!(centre.x() - west.x() <= 900.0 / 2.0 - 240.0 - MARGIN + 1.0);
        let east = projection.project(lon_lat(74.9, 34.0), zoom);
        assert!(east.x() - centre.x() <= 900.0 / 2.0 - LABEL_MARGIN + 1.0);
    }

    #[test]
    fn nothing_to_fit_gives_no_view() {
        assert!(fit_view([], 900.0, 600.0, 0.0).is_none());
    }
}
