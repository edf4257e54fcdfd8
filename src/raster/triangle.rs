//! Filling one triangle as a GPU does: vertices snapped to a fixed-point grid,
//! integer edge functions tested at pixel centres with the top-left rule (so
//! triangles sharing an edge neither gap nor overlap), and colour and UV
//! interpolated barycentrically.

use std::ops::Range;

use super::PixelRect;
use super::canvas::{self, Canvas, Fragment};
use super::guard_band;
use super::texture::{Sampler, Texture};

/// A vertex in pixels, its colour unpacked to 0–1 as egui.wgsl's vertex shader does.
#[derive(Clone, Copy, Default, Debug)]
pub(super) struct RasterVertex {
    pub(super) pos: [f64; 2],
    /// Premultiplied sRGB gamma.
    pub(super) color: [f32; 4],
    pub(super) uv: [f32; 2],
}

/// Sub-pixel precision of Vulkan and Direct3D rasterisers.
const SUBPIXEL_BITS: u32 = 8;
const ONE: i64 = 1 << SUBPIXEL_BITS;
const HALF: i64 = ONE / 2;

pub(super) fn fill_triangle(
    canvas: &mut Canvas,
    clip: PixelRect,
    texture: &Texture,
    corners: [RasterVertex; 3],
) {
    if corners.iter().any(|c| !c.pos.iter().all(|p| p.is_finite())) {
        return;
    }
    if corners.iter().all(guard_band::holds) {
        fill_snapped(canvas, clip, texture, corners);
    } else {
        guard_band::clip(corners, |piece| {
            fill_snapped(canvas, clip, texture, piece);
        });
    }
}

/// Fills a triangle whose vertices lie in the guard band, where every edge
/// function fits in an `i64`.
fn fill_snapped(
    canvas: &mut Canvas,
    clip: PixelRect,
    texture: &Texture,
    corners: [RasterVertex; 3],
) {
    let Some(triangle) = Triangle::new(corners) else {
        return;
    };
    let Some((rows, columns)) = triangle.pixel_bounds(clip) else {
        return;
    };
    let paint = Paint::new(&triangle.corners, texture);
    let inverse_area = 1.0 / triangle.area as f32;
    for y in rows {
        let Some((span, edges)) = triangle.span(y, columns.clone()) else {
            continue;
        };
        let steps = triangle.edges.map(|edge| edge.step_x());
        let pixels = canvas.span_mut(y as usize, span.start as usize..span.end as usize);
        if let Some(pixels) = pixels {
            paint.fill(pixels, edges, steps, inverse_area);
        }
    }
}

/// A non-degenerate triangle snapped to the grid and wound so that its inside is
/// where all three edge functions are positive.
struct Triangle {
    corners: [RasterVertex; 3],
    snapped: [[i64; 2]; 3],
    /// `edges[i]` is the edge facing corner `i`, and is 0 on it.
    edges: [Edge; 3],
    /// Twice the area, in fixed-point units squared.
    area: i64,
}

impl Triangle {
    fn new(mut corners: [RasterVertex; 3]) -> Option<Self> {
        let mut snapped = corners.map(|c| c.pos.map(|p| (p * ONE as f64).round() as i64));
        let mut area = cross(snapped[0], snapped[1], snapped[2]);
        if area == 0 {
            return None;
        }
        // egui winds triangles either way; the GPU culls neither.
        if area < 0 {
            corners.swap(1, 2);
            snapped.swap(1, 2);
            area = -area;
        }
        let [a, b, c] = snapped;
        Some(Self {
            corners,
            snapped,
            edges: [Edge::new(b, c), Edge::new(c, a), Edge::new(a, b)],
            area,
        })
    }

    /// The rows and columns whose pixel centres the bounding box holds, within `clip`.
    fn pixel_bounds(&self, clip: PixelRect) -> Option<(Range<i64>, Range<i64>)> {
        let axis = |i: usize, min: usize, max: usize| {
            let low = self.snapped.iter().map(|p| p[i]).min().unwrap_or(0);
            let high = self.snapped.iter().map(|p| p[i]).max().unwrap_or(-1);
            let first = ceil_div(low - HALF, ONE).max(min as i64);
            let end = (high - HALF)
                .div_euclid(ONE)
                .saturating_add(1)
                .min(max as i64);
            (first < end).then_some(first..end)
        };
        Some((
            axis(1, clip.min[1], clip.max[1])?,
            axis(0, clip.min[0], clip.max[0])?,
        ))
    }

    /// The columns of row `y` inside the triangle, and the edge functions at the first.
    fn span(&self, y: i64, columns: Range<i64>) -> Option<(Range<i64>, [i64; 3])> {
        let at_start = self.edges.map(|edge| edge.at(columns.start, y));
        let (mut first, mut end) = (columns.start, columns.end);
        for (edge, value) in self.edges.iter().zip(at_start) {
            let biased = value + edge.bias;
            let step = edge.step_x();
            match step.signum() {
                1 => first = first.max(columns.start + ceil_div(-biased, step)),
                -1 => end = end.min(columns.start + biased.div_euclid(-step) + 1),
                _ if biased < 0 => return None,
                _ => {}
            }
        }
        let offset = first - columns.start;
        let steps = self.edges.map(|edge| edge.step_x());
        (first < end).then(|| {
            let values = std::array::from_fn(|i| at_start[i] + steps[i] * offset);
            (first..end, values)
        })
    }
}

/// One directed edge's function: twice the signed area of the triangle it
/// makes with a point, positive on the inside.
#[derive(Clone, Copy)]
struct Edge {
    from: [i64; 2],
    dx: i64,
    dy: i64,
    /// -1 keeps pixel centres exactly on this edge out: only top and left edges own them.
    bias: i64,
}

impl Edge {
    fn new(from: [i64; 2], to: [i64; 2]) -> Self {
        let (dx, dy) = (to[0] - from[0], to[1] - from[1]);
        // With y down and this winding, a left edge rises and a top edge runs right.
        let top_or_left = dy < 0 || (dy == 0 && dx > 0);
        Self {
            from,
            dx,
            dy,
            bias: if top_or_left { 0 } else { -1 },
        }
    }

    /// The value at the centre of pixel (`x`, `y`).
    fn at(&self, x: i64, y: i64) -> i64 {
        let (px, py) = (x * ONE + HALF, y * ONE + HALF);
        self.dx * (py - self.from[1]) - self.dy * (px - self.from[0])
    }

    /// How much the value changes from one pixel to the next on a row.
    fn step_x(&self) -> i64 {
        -self.dy * ONE
    }
}

fn cross(a: [i64; 2], b: [i64; 2], c: [i64; 2]) -> i64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

fn ceil_div(numerator: i64, denominator: i64) -> i64 {
    -(-numerator).div_euclid(denominator)
}

/// What a triangle's fragments are, worked out once per triangle so that the
/// common cases (flat colour, one texel) do no per-pixel interpolation.
enum Paint<'a> {
    Flat(Fragment),
    Shaded {
        color: Plane<4>,
        texel: [f32; 4],
    },
    Textured {
        color: Plane<4>,
        uv: Plane<2>,
        sampler: Sampler<'a>,
    },
}

impl<'a> Paint<'a> {
    fn new(corners: &[RasterVertex; 3], texture: &'a Texture) -> Self {
        let [a, b, c] = corners;
        let color = Plane::new([a.color, b.color, c.color]);
        if a.uv != b.uv || a.uv != c.uv {
            let sampler = texture.sampler(texels_per_pixel(corners, texture.size()));
            let uv = Plane::new([a.uv, b.uv, c.uv]);
            return Self::Textured { color, uv, sampler };
        }
        // One UV over the whole triangle: no texel step, so the GPU magnifies.
        let texel = texture.sampler(0.0).sample(a.uv);
        if a.color == b.color && a.color == c.color {
            Self::Flat(multiply(a.color, texel))
        } else {
            Self::Shaded { color, texel }
        }
    }

    /// Paints `pixels`, given the edge functions at the first and their steps.
    fn fill(&self, pixels: &mut [[u8; 4]], edges: [i64; 3], steps: [i64; 3], inverse_area: f32) {
        let weights = |i: usize| {
            let toward =
                |corner: usize| (edges[corner] + steps[corner] * i as i64) as f32 * inverse_area;
            [toward(1), toward(2)]
        };
        match self {
            Self::Flat(fragment) if fragment[3] >= 1.0 => pixels.fill(canvas::opaque(*fragment)),
            Self::Flat(fragment) => pixels.iter_mut().for_each(|p| canvas::blend(p, *fragment)),
            Self::Shaded { color, texel } => {
                for (i, pixel) in pixels.iter_mut().enumerate() {
                    canvas::blend(pixel, multiply(color.at(weights(i)), *texel));
                }
            }
            Self::Textured { color, uv, sampler } => {
                for (i, pixel) in pixels.iter_mut().enumerate() {
                    let weights = weights(i);
                    let texel = sampler.sample(uv.at(weights));
                    canvas::blend(pixel, multiply(color.at(weights), texel));
                }
            }
        }
    }
}

/// An attribute across a triangle: its value at corner 0 plus the weights of
/// corners 1 and 2 times their differences from it.
struct Plane<const N: usize> {
    base: [f32; N],
    toward: [[f32; N]; 2],
}

impl<const N: usize> Plane<N> {
    fn new([a, b, c]: [[f32; N]; 3]) -> Self {
        let difference = |to: [f32; N]| std::array::from_fn(|i| to[i] - a[i]);
        Self {
            base: a,
            toward: [difference(b), difference(c)],
        }
    }

    #[inline]
    fn at(&self, [first, second]: [f32; 2]) -> [f32; N] {
        std::array::from_fn(|i| {
            self.base[i] + first * self.toward[0][i] + second * self.toward[1][i]
        })
    }
}

fn multiply(color: [f32; 4], texel: [f32; 4]) -> Fragment {
    std::array::from_fn(|i| color[i] * texel[i])
}

/// The larger of the texel steps for one pixel across and one down: the GPU's
/// level of detail, which picks the minification or the magnification filter.
fn texels_per_pixel(corners: &[RasterVertex; 3], [width, height]: [usize; 2]) -> f32 {
    let [a, b, c] = corners;
    let (x1, y1) = (b.pos[0] - a.pos[0], b.pos[1] - a.pos[1]);
    let (x2, y2) = (c.pos[0] - a.pos[0], c.pos[1] - a.pos[1]);
    let area = x1 * y2 - y1 * x2;
    if area == 0.0 {
        return 0.0;
    }
    let texels = |corner: &RasterVertex, axis: usize, size: usize| {
        f64::from(corner.uv[axis] - a.uv[axis]) * size as f64
    };
    let gradient = |axis: usize, size: usize| {
        let (t1, t2) = (texels(b, axis, size), texels(c, axis, size));
        ((t1 * y2 - t2 * y1) / area, (t2 * x1 - t1 * x2) / area)
    };
    let (du_dx, du_dy) = gradient(0, width);
    let (dv_dx, dv_dy) = gradient(1, height);
    du_dx.hypot(dv_dx).max(du_dy.hypot(dv_dy)) as f32
}
