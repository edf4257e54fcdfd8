//! Painting egui's tessellated output into an image on the CPU, for exporting the
//! map with no GPU and no window.
//!
//! It follows egui-wgpu as eframe sets it up: eframe picks an `Rgba8Unorm` or
//! `Bgra8Unorm` surface, so egui-wgpu runs `fs_main_gamma_framebuffer`, which
//! multiplies the vertex colour by the texel and blends premultiplied
//! (`dst = src + dst·(1 − src.a)`) in sRGB gamma space. Here too, which is what
//! the window shows. Only the window's dithering (noise below half a level) is left out.

mod canvas;
mod guard_band;
mod texture;
mod triangle;

#[cfg(test)]
mod egui_tests;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use egui::epaint::Primitive;
use egui::{ClippedPrimitive, Color32, Mesh, Rect, TextureId, TexturesDelta};

use canvas::Canvas;
use texture::Texture;
use triangle::RasterVertex;

/// The largest side an image may have, in pixels: as large as GPUs' textures go.
pub const MAX_SIDE: u32 = 16384;

/// A CPU stand-in for egui's GPU painter: keeps the textures egui uploads and
/// paints tessellated meshes into an image.
#[derive(Default)]
pub struct SoftPainter {
    textures: HashMap<TextureId, Texture>,
}

#[derive(Debug, thiserror::Error)]
pub enum PaintError {
    #[error("egui painted with texture {0:?}, which it never uploaded or already freed")]
    MissingTexture(TextureId),
    #[error("a mesh with texture {0:?} names a vertex it does not have")]
    BadIndex(TextureId),
    #[error(
        "egui asked for a GPU paint callback, which cannot be run without a GPU; \
         draw that layer with shapes to export it"
    )]
    PaintCallback,
    #[error("a {width}×{height} image is too large: at most {MAX_SIDE} pixels a side")]
    TooLarge { width: u32, height: u32 },
    #[error("a {width}×{height} image has no pixels")]
    Empty { width: u32, height: u32 },
    #[error("{0} pixels per point is not a scale")]
    BadScale(f32),
}

impl SoftPainter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies `delta.set` (whole images and partial updates at `pos`) before painting.
    ///
    /// A partial update of a texture never uploaded is dropped, as is a whole image
    /// whose pixels do not fill its size; painting with either texture then fails
    /// with [`PaintError::MissingTexture`].
    pub fn set_textures(&mut self, delta: &TexturesDelta) {
        for (id, updates) in &delta.set {
            for update in updates {
                match update.pos {
                    None => match Texture::whole(update) {
                        Some(texture) => drop(self.textures.insert(*id, texture)),
                        None => drop(self.textures.remove(id)),
                    },
                    Some(pos) => {
                        if let Some(texture) = self.textures.get_mut(id) {
                            texture.update(pos, update);
                        }
                    }
                }
            }
        }
    }

    /// Applies `delta.free` after painting, as egui's backends do.
    pub fn free_textures(&mut self, delta: &TexturesDelta) {
        for id in &delta.free {
            self.textures.remove(id);
        }
    }

    /// Paints `primitives` (in points; `pixels_per_point` scales them) over `background` into an image of `size` pixels.
    pub fn paint(
        &self,
        size: [u32; 2],
        background: Color32,
        primitives: &[ClippedPrimitive],
        pixels_per_point: f32,
    ) -> Result<image::RgbaImage, PaintError> {
        let [width, height] = size;
        if width == 0 || height == 0 {
            return Err(PaintError::Empty { width, height });
        }
        if width > MAX_SIDE || height > MAX_SIDE {
            return Err(PaintError::TooLarge { width, height });
        }
        if !(pixels_per_point.is_finite() && pixels_per_point > 0.0) {
            return Err(PaintError::BadScale(pixels_per_point));
        }
        let mut canvas = Canvas::new(width as usize, height as usize, background);
        for ClippedPrimitive {
            clip_rect,
            primitive,
        } in primitives
        {
            let Some(scissor) = PixelRect::scissor(*clip_rect, pixels_per_point, size) else {
                continue;
            };
            match primitive {
                Primitive::Mesh(mesh) => {
                    self.paint_mesh(&mut canvas, scissor, mesh, pixels_per_point)?;
                }
                Primitive::Callback(_) => return Err(PaintError::PaintCallback),
            }
        }
        Ok(canvas.into_image(width, height))
    }

    fn paint_mesh(
        &self,
        canvas: &mut Canvas,
        scissor: PixelRect,
        mesh: &Mesh,
        pixels_per_point: f32,
    ) -> Result<(), PaintError> {
        let texture = self
            .textures
            .get(&mesh.texture_id)
            .ok_or(PaintError::MissingTexture(mesh.texture_id))?;
        let corner = |index: u32| {
            let vertex = mesh.vertices.get(index as usize)?;
            Some(RasterVertex {
                pos: [vertex.pos.x, vertex.pos.y].map(|p| f64::from(p * pixels_per_point)),
                color: vertex.color.to_array().map(|c| f32::from(c) / 255.0),
                uv: [vertex.uv.x, vertex.uv.y],
            })
        };
        for indices in mesh.indices.chunks_exact(3) {
            let corners = [0, 1, 2].map(|i| indices.get(i).copied().and_then(corner));
            let [Some(a), Some(b), Some(c)] = corners else {
                return Err(PaintError::BadIndex(mesh.texture_id));
            };
            triangle::fill_triangle(canvas, scissor, texture, [a, b, c]);
        }
        Ok(())
    }
}

/// The pixels a primitive may touch, `min` inclusive and `max` exclusive.
#[derive(Clone, Copy, Debug)]
struct PixelRect {
    min: [usize; 2],
    max: [usize; 2],
}

impl PixelRect {
    /// The scissor rect egui-wgpu sets for `clip_rect`: its corners rounded to whole
    /// pixels and clamped to the image, or `None` when that leaves nothing.
    fn scissor(clip_rect: Rect, pixels_per_point: f32, size: [u32; 2]) -> Option<Self> {
        // `as u32` saturates, so off-image corners land on 0 as they do there.
        let round = |points: f32| (pixels_per_point * points).round() as u32;
        let min = [
            round(clip_rect.min.x).min(size[0]),
            round(clip_rect.min.y).min(size[1]),
        ];
        let max = [
            round(clip_rect.max.x).clamp(min[0], size[0]),
            round(clip_rect.max.y).clamp(min[1], size[1]),
        ];
        (min[0] < max[0] && min[1] < max[1]).then(|| Self {
            min: min.map(|m| m as usize),
            max: max.map(|m| m as usize),
        })
    }
}
