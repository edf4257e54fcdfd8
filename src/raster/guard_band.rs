//! Cutting triangles that reach far off the image (a map area at a high zoom) down
//! to a guard band around it, so that the rasteriser's fixed-point edge functions
//! cannot overflow. Like a GPU, this clips geometry only where it must: inside the
//! band triangles are drawn whole.

use super::triangle::RasterVertex;

/// Pixels from the origin: `2^20` at eight sub-pixel bits keeps every edge
/// function below `2^60`, and lies far outside the largest image (16384 px).
const LIMIT: f64 = (1 << 20) as f64;

pub(super) fn holds(vertex: &RasterVertex) -> bool {
    vertex.pos.iter().all(|p| p.abs() <= LIMIT)
}

/// Calls `fill` with a fan of triangles covering the part of `corners` inside the band.
pub(super) fn clip(corners: [RasterVertex; 3], mut fill: impl FnMut([RasterVertex; 3])) {
    let mut polygon = Polygon::default();
    corners.into_iter().for_each(|c| polygon.push(c));
    for axis in 0..2 {
        for side in [-1.0, 1.0] {
            polygon = polygon.clipped(axis, side * LIMIT);
        }
    }
    let corners = polygon.corners();
    if let Some((&first, rest)) = corners.split_first() {
        for pair in rest.windows(2) {
            if let &[second, third] = pair {
                fill([first, second, third]);
            }
        }
    }
}

/// A triangle cut by four lines has at most seven corners.
const MAX_CORNERS: usize = 7;

#[derive(Default)]
struct Polygon {
    corners: [RasterVertex; MAX_CORNERS],
    len: usize,
}

impl Polygon {
    fn push(&mut self, corner: RasterVertex) {
        if let Some(slot) = self.corners.get_mut(self.len) {
            *slot = corner;
            self.len += 1;
        }
    }

    fn corners(&self) -> &[RasterVertex] {
        self.corners.get(..self.len).unwrap_or_default()
    }

    /// Sutherland–Hodgman against the line `pos[axis] == limit`, keeping the side
    /// of the origin.
    fn clipped(&self, axis: usize, limit: f64) -> Self {
        let inside = |v: &RasterVertex| v.pos[axis] * limit.signum() <= LIMIT;
        let mut out = Self::default();
        let corners = self.corners();
        let previous = corners.iter().cycle().skip(corners.len().saturating_sub(1));
        for (previous, current) in previous.zip(corners) {
            if inside(previous) != inside(current) {
                out.push(crossing(*previous, *current, axis, limit));
            }
            if inside(current) {
                out.push(*current);
            }
        }
        out
    }
}

/// Where the edge between `a` and `b` crosses the line. The edge's ends are put in
/// one order first, so that two triangles sharing the edge get the same corner
/// to the last bit and leave no seam.
fn crossing(a: RasterVertex, b: RasterVertex, axis: usize, limit: f64) -> RasterVertex {
    let in_order = (a.pos[0], a.pos[1]) <= (b.pos[0], b.pos[1]);
    let (a, b) = if in_order { (a, b) } else { (b, a) };
    let t = (limit - a.pos[axis]) / (b.pos[axis] - a.pos[axis]);
    let mut pos = [0, 1].map(|i| a.pos[i] + (b.pos[i] - a.pos[i]) * t);
    pos[axis] = limit;
    let lerp = |from: f32, to: f32| from + (to - from) * t as f32;
    RasterVertex {
        pos,
        color: std::array::from_fn(|i| lerp(a.color[i], b.color[i])),
        uv: std::array::from_fn(|i| lerp(a.uv[i], b.uv[i])),
    }
}
