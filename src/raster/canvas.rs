//! The framebuffer: eight-bit premultiplied sRGB-gamma pixels, blended as
//! egui-wgpu's pipeline blends into the `Rgba8Unorm` surface eframe picks.

use egui::Color32;
use image::RgbaImage;

pub(super) struct Canvas {
    width: usize,
    pixels: Vec<[u8; 4]>,
}

impl Canvas {
    pub(super) fn new(width: usize, height: usize, background: Color32) -> Self {
        Self {
            width,
            pixels: vec![background.to_array(); width * height],
        }
    }

    /// The pixels `columns` of row `y`, if the canvas holds them.
    pub(super) fn span_mut(
        &mut self,
        y: usize,
        columns: std::ops::Range<usize>,
    ) -> Option<&mut [[u8; 4]]> {
        let start = y * self.width;
        self.pixels
            .get_mut(start + columns.start..start + columns.end)
    }

    /// Straight alpha, as PNG stores it.
    pub(super) fn into_image(self, width: u32, height: u32) -> RgbaImage {
        let mut image = RgbaImage::new(width, height);
        for (out, pixel) in image.pixels_mut().zip(self.pixels) {
            out.0 = unpremultiply(pixel);
        }
        image
    }
}

/// A fragment's colour, premultiplied, each channel 0–1: what the fragment shader returns.
pub(super) type Fragment = [f32; 4];

/// `One, OneMinusSrcAlpha` for colour and `OneMinusDstAlpha, One` for alpha, computed
/// in floats and rounded once to eight bits, as the blend unit does.
#[inline]
pub(super) fn blend(pixel: &mut [u8; 4], source: Fragment) {
    let keep = 1.0 - source[3];
    let destination = pixel.map(|channel| f32::from(channel) * (1.0 / 255.0));
    pixel[0] = to_unorm8(source[0] + destination[0] * keep);
    pixel[1] = to_unorm8(source[1] + destination[1] * keep);
    pixel[2] = to_unorm8(source[2] + destination[2] * keep);
    pixel[3] = to_unorm8(source[3] * (1.0 - destination[3]) + destination[3]);
}

/// The pixel a fully opaque fragment leaves, whatever was under it.
#[inline]
pub(super) fn opaque(source: Fragment) -> [u8; 4] {
    source.map(to_unorm8)
}

#[inline]
fn to_unorm8(value: f32) -> u8 {
    (value.clamp(0.0, 1.0) * 255.0 + 0.5) as u8
}

fn unpremultiply([r, g, b, a]: [u8; 4]) -> [u8; 4] {
    match a {
        255 => [r, g, b, a],
        0 => [0; 4],
        _ => {
            let scale = 255.0 / f32::from(a);
            let channel = |c: u8| (f32::from(c) * scale + 0.5).min(255.0) as u8;
            [channel(r), channel(g), channel(b), a]
        }
    }
}
