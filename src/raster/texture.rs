//! The textures egui uploads, kept in RAM, and sampling them as egui-wgpu's
//! sampler does.

use std::sync::Arc;

use egui::epaint::ImageDelta;
use egui::{Color32, ColorImage, ImageData, TextureFilter, TextureOptions, TextureWrapMode};

/// One texture as the GPU would hold it: egui's premultiplied sRGB-gamma texels
/// and the sampler options of its last update.
pub(super) struct Texture {
    /// Shared with egui's delta until a partial update has to change it.
    image: Arc<ColorImage>,
    options: TextureOptions,
}

impl Texture {
    /// A whole image; `None` when its pixels do not fill its size, which egui never sends.
    pub(super) fn whole(delta: &ImageDelta) -> Option<Self> {
        let ImageData::Color(image) = &delta.image;
        let [width, height] = image.size;
        (image.pixels.len() == width.checked_mul(height)?).then(|| Self {
            image: Arc::clone(image),
            options: delta.options,
        })
    }

    /// Copies a patch in at `pos`, as `queue.write_texture` does; the part of a
    /// patch that falls outside the texture is dropped rather than wrapped.
    pub(super) fn update(&mut self, pos: [usize; 2], delta: &ImageDelta) {
        let ImageData::Color(patch) = &delta.image;
        self.options = delta.options;
        let [patch_width, patch_height] = patch.size;
        let [width, height] = self.image.size;
        let columns = patch_width.min(width.saturating_sub(pos[0]));
        let rows = patch_height.min(height.saturating_sub(pos[1]));
        if columns == 0 || rows == 0 {
            return;
        }
        let image = Arc::make_mut(&mut self.image);
        for row in 0..rows {
            let from = row * patch_width;
            let to = (pos[1] + row) * width + pos[0];
            let source = patch.pixels.get(from..from + columns);
            let target = image.pixels.get_mut(to..to + columns);
            if let (Some(source), Some(target)) = (source, target) {
                target.copy_from_slice(source);
            }
        }
    }

    /// How to sample this texture for a triangle that maps one pixel onto
    /// `texels_per_pixel` texels: the GPU picks the minification filter past one.
    pub(super) fn sampler(&self, texels_per_pixel: f32) -> Sampler<'_> {
        let filter = if texels_per_pixel > 1.0 {
            self.options.minification
        } else {
            self.options.magnification
        };
        Sampler {
            image: &self.image,
            filter,
            wrap_mode: self.options.wrap_mode,
        }
    }

    pub(super) fn size(&self) -> [usize; 2] {
        self.image.size
    }
}

/// A texture read with one filter and wrap mode, like a bound wgpu sampler.
#[derive(Clone, Copy)]
pub(super) struct Sampler<'a> {
    image: &'a ColorImage,
    filter: TextureFilter,
    wrap_mode: TextureWrapMode,
}

impl Sampler<'_> {
    /// The premultiplied colour at normalised `uv`, each channel 0–1.
    pub(super) fn sample(&self, uv: [f32; 2]) -> [f32; 4] {
        let [width, height] = self.image.size;
        if width == 0 || height == 0 {
            return [0.0; 4];
        }
        let u = uv[0] * width as f32;
        let v = uv[1] * height as f32;
        match self.filter {
            TextureFilter::Nearest => self.texel(u.floor() as i64, v.floor() as i64),
            TextureFilter::Linear => self.bilinear(u - 0.5, v - 0.5),
        }
    }

    /// Four taps at texel centres, as egui-wgpu's predictable filtering spells out
    /// what the hardware does.
    fn bilinear(&self, u: f32, v: f32) -> [f32; 4] {
        let (left, top) = (u.floor(), v.floor());
        let (across, down) = (u - left, v - top);
        let (x, y) = (left as i64, top as i64);
        let (right, bottom) = (x.saturating_add(1), y.saturating_add(1));
        let upper = mix(self.texel(x, y), self.texel(right, y), across);
        let lower = mix(self.texel(x, bottom), self.texel(right, bottom), across);
        mix(upper, lower, down)
    }

    fn texel(&self, x: i64, y: i64) -> [f32; 4] {
        let [width, height] = self.image.size;
        let x = wrap(x, width, self.wrap_mode);
        let y = wrap(y, height, self.wrap_mode);
        let texel = self
            .image
            .pixels
            .get(y * width + x)
            .copied()
            .unwrap_or(Color32::TRANSPARENT);
        texel.to_array().map(|channel| f32::from(channel) / 255.0)
    }
}

/// Maps any texel coordinate into `0..size` (`size` > 0) by the wrap mode, as egui.wgsl does.
fn wrap(coordinate: i64, size: usize, wrap_mode: TextureWrapMode) -> usize {
    let size = size as i64;
    let wrapped = match wrap_mode {
        TextureWrapMode::ClampToEdge => coordinate.clamp(0, size - 1),
        TextureWrapMode::Repeat => coordinate.rem_euclid(size),
        TextureWrapMode::MirroredRepeat => {
            let phase = coordinate.rem_euclid(2 * size);
            phase.min(2 * size - 1 - phase)
        }
    };
    wrapped as usize
}

fn mix(a: [f32; 4], b: [f32; 4], t: f32) -> [f32; 4] {
    std::array::from_fn(|i| a[i] + (b[i] - a[i]) * t)
}
