//! Hatching: parallel lines cut to the inside of an outline, on the screen.
//!
//! Stripes are drawn as lines rather than as a texture so that each can take
//! its own colour (a disputed area's stripes alternate between the sides) and
//! its own direction (each map series has one). A frame's cost is one pass
//! over the outline's edges, plus sorting the crossings: each edge is crossed
//! only with the lines it spans, and only lines that cross the view are made.

use super::Bounds;

/// Parallel lines `spacing` apart, at `angle` radians from the x axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hatch {
    pub angle: f64,
    pub spacing: f64,
    /// A point line 0 goes through: a fixed point of the world on screen,
    /// so that stripes move with the map instead of crawling across it.
    pub anchor: [f64; 2],
}

/// A piece of line `line` of the hatch, inside the outline and the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Segment {
    /// Which line: neighbouring lines differ by one (so colours can alternate).
    pub line: i64,
    pub from: [f64; 2],
    pub to: [f64; 2],
}

/// Where lines cross the outline: (line, position along it).
pub type Crossings = Vec<(i64, f64)>;

impl Hatch {
    /// Along the lines, and across them.
    fn axes(&self) -> ([f64; 2], [f64; 2]) {
        let (sin, cos) = self.angle.sin_cos();
        ([cos, sin], [-sin, cos])
    }

    /// A point's (along, across) coordinates.
    fn local(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let (along, across) = self.axes();
        let (dx, dy) = (x - self.anchor[0], y - self.anchor[1]);
        [
            dx * along[0] + dy * along[1],
            dx * across[0] + dy * across[1],
        ]
    }

    fn point(&self, line: i64, u: f64) -> [f64; 2] {
        let (along, across) = self.axes();
        let v = line as f64 * self.spacing;
        [
            self.anchor[0] + u * along[0] + v * across[0],
            self.anchor[1] + u * along[1] + v * across[1],
        ]
    }

    /// The lines that cross `clip`.
    fn lines_in(&self, clip: Bounds) -> (i64, i64) {
        let corners = [
            clip.min,
            [clip.max[0], clip.min[1]],
            clip.max,
            [clip.min[0], clip.max[1]],
        ];
        let (low, high) = corners
            .iter()
            .map(|&c| self.local(c)[1])
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
                (l.min(v), h.max(v))
            });
        (
            (low / self.spacing).ceil() as i64,
            (high / self.spacing).floor() as i64,
        )
    }

    /// The part of line `line` inside `clip`, as a range along it.
    fn span_in(&self, line: i64, clip: Bounds) -> Option<(f64, f64)> {
        let (along, _) = self.axes();
        let start = self.point(line, 0.0);
        let (mut low, mut high) = (f64::NEG_INFINITY, f64::INFINITY);
        for axis in 0..2 {
            let (min, max) = (clip.min[axis] - start[axis], clip.max[axis] - start[axis]);
            if along[axis].abs() < 1e-12 {
                if !(min..=max).contains(&0.0) {
                    return None;
                }
                continue;
            }
            let (a, b) = (min / along[axis], max / along[axis]);
            low = low.max(a.min(b));
            high = high.min(a.max(b));
        }
        (low < high).then_some((low, high))
    }

    /// Appends the pieces of the hatch inside `rings` (even-odd: a hole's
    /// ring cuts a hole) and inside `clip`. Each ring is a closed path of
    /// screen points; `crossings` is scratch space kept between calls.
    pub fn clip<R, P>(
        &self,
        rings: R,
        clip: Bounds,
        crossings: &mut Crossings,
        out: &mut Vec<Segment>,
    ) where
        R: IntoIterator<Item = P>,
        P: IntoIterator<Item = [f64; 2]>,
    {
        if !(self.spacing.is_finite() && self.spacing > 0.0) {
            return;
        }
        let (first_line, last_line) = self.lines_in(clip);
        crossings.clear();
        for ring in rings {
            let mut points = ring.into_iter().map(|p| self.local(p));
            let Some(start) = points.next() else { continue };
            let mut previous = start;
            for point in points.chain(std::iter::once(start)) {
                self.cross(previous, point, (first_line, last_line), crossings);
                previous = point;
            }
        }
        crossings.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut span = None;
        for pair in crossings.chunk_by(|a, b| a.0 == b.0) {
            let line = pair[0].0;
            if span.is_none_or(|(l, _)| l != line) {
                span = Some((line, self.span_in(line, clip)));
            }
            let Some((_, Some((low, high)))) = span else {
                continue;
            };
            // An odd crossing left over (a ring not closed) is dropped.
            for inside in pair.chunks_exact(2) {
                let (from, to) = (inside[0].1.max(low), inside[1].1.min(high));
                if from < to {
                    out.push(Segment {
                        line,
                        from: self.point(line, from),
                        to: self.point(line, to),
                    });
                }
            }
        }
    }

    /// Where the edge from `a` to `b` (local coordinates) crosses the lines
    /// `first..=last`. An edge counts a line at its lower end but not its
    /// upper one, so a vertex on a line is crossed once, as a ray test would.
    fn cross(&self, a: [f64; 2], b: [f64; 2], (first, last): (i64, i64), out: &mut Crossings) {
        let (low, high) = if a[1] <= b[1] {
            (a[1], b[1])
        } else {
            (b[1], a[1])
        };
        if low == high {
            return;
        }
        let from = ((low / self.spacing).ceil() as i64).max(first);
        let to = ((high / self.spacing).ceil() as i64 - 1).min(last);
        for line in from..=to {
            let v = line as f64 * self.spacing;
            let t = (v - a[1]) / (b[1] - a[1]);
            out.push((line, a[0] + t * (b[0] - a[0])));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::f64::consts::FRAC_PI_4;

    use super::*;

    fn square(min: f64, max: f64) -> Vec<[f64; 2]> {
        vec![[min, min], [max, min], [max, max], [min, max], [min, min]]
    }

    fn screen() -> Bounds {
        Bounds {
            min: [0.0, 0.0],
            max: [1000.0, 1000.0],
        }
    }

    fn hatch(rings: &[Vec<[f64; 2]>], hatch: Hatch, clip: Bounds) -> Vec<Segment> {
        let mut out = Vec::new();
        let rings = rings.iter().map(|r| r.iter().copied());
        hatch.clip(rings, clip, &mut Vec::new(), &mut out);
        out
    }

    const LEVEL: Hatch = Hatch {
        angle: 0.0,
        spacing: 10.0,
        anchor: [0.0, 5.0],
    };

    #[test]
    fn horizontal_lines_fill_a_square_edge_to_edge() {
        let segments = hatch(&[square(100.0, 200.0)], LEVEL, screen());
        // Lines at y = 105, 115, …, 195.
        assert_eq!(segments.len(), 10);
        for (i, s) in segments.iter().enumerate() {
            let y = 105.0 + 10.0 * i as f64;
            assert!((s.from[1] - y).abs() < 1e-9 && (s.to[1] - y).abs() < 1e-9);
            assert!((s.from[0] - 100.0).abs() < 1e-9 && (s.to[0] - 200.0).abs() < 1e-9);
        }
        let lines: Vec<i64> = segments.iter().map(|s| s.line).collect();
        assert_eq!(lines, (10..20).collect::<Vec<_>>(), "consecutive lines");
    }

    #[test]
    fn a_hole_cuts_each_line_in_two() {
        let segments = hatch(
            &[square(100.0, 200.0), square(140.0, 160.0)],
            LEVEL,
            screen(),
        );
        let at_150: Vec<&Segment> = segments
            .iter()
            .filter(|s| (s.from[1] - 145.0).abs() < 1e-9)
            .collect();
        assert_eq!(at_150.len(), 2);
        assert!((at_150[0].to[0] - 140.0).abs() < 1e-9);
        assert!((at_150[1].from[0] - 160.0).abs() < 1e-9);
    }

    #[test]
    fn lines_are_cut_to_the_view_and_lines_outside_it_are_not_made() {
        let view = Bounds {
            min: [150.0, 0.0],
            max: [400.0, 130.0],
        };
        let segments = hatch(&[square(100.0, 200.0)], LEVEL, view);
        assert_eq!(segments.len(), 3, "y = 105, 115, 125");
        assert!(segments.iter().all(|s| (s.from[0] - 150.0).abs() < 1e-9));
    }

    #[test]
    fn diagonal_lines_stay_inside_the_outline_and_a_vertex_on_a_line_is_no_trouble() {
        let diamond = vec![[50.0, 0.0], [100.0, 50.0], [50.0, 100.0], [0.0, 50.0]];
        let diagonal = Hatch {
            angle: FRAC_PI_4,
            spacing: 7.0,
            anchor: [0.0, 0.0],
        };
        for h in [
            diagonal,
            Hatch {
                anchor: [0.0, 50.0],
                ..LEVEL
            },
        ] {
            let segments = hatch(std::slice::from_ref(&diamond), h, screen());
            assert!(!segments.is_empty());
            for s in &segments {
                for p in [s.from, s.to] {
                    let taxicab = (p[0] - 50.0).abs() + (p[1] - 50.0).abs();
                    assert!(taxicab <= 50.0 + 1e-6, "{p:?} outside");
                }
            }
        }
    }

    #[test]
    fn the_same_world_point_gives_the_same_lines_wherever_the_view_is() {
        let shifted = Hatch {
            anchor: [0.0, 5.0 + 30.0],
            ..LEVEL
        };
        let here = hatch(&[square(100.0, 200.0)], LEVEL, screen());
        let moved: Vec<[f64; 2]> = square(100.0, 200.0)
            .iter()
            .map(|&[x, y]| [x, y + 30.0])
            .collect();
        let there = hatch(&[moved], shifted, screen());
        assert_eq!(here.len(), there.len());
        assert!((here[0].from[1] + 30.0 - there[0].from[1]).abs() < 1e-9);
    }
}
