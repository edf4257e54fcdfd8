//! Drawing egui without a window: a pass over a canvas of a given size and
//! scale, tessellated, ready for the CPU painter. The export's UI is the
//! window's own drawing code run here.

use eframe::egui::{
    self, ClippedPrimitive, Context, RawInput, Rect, TexturesDelta, Ui, ViewportId, ViewportInfo,
    Visuals, vec2,
};

/// Passes run for one picture: egui lays out panels and text from what it
/// measured in the pass before, so the second one is the settled layout.
const PASSES: usize = 2;

/// The canvas: its size in points and how many pixels a point is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Canvas {
    pub width: f32,
    pub height: f32,
    pub pixels_per_point: f32,
}

impl Canvas {
    /// The image's size in pixels.
    pub fn pixels(&self) -> [u32; 2] {
        let to_px = |points: f32| (points * self.pixels_per_point).round().max(0.0) as u32;
        [to_px(self.width), to_px(self.height)]
    }
}

/// One picture drawn: what to paint, and every texture change since the
/// last, in order (the first picture of a context carries the font atlas).
pub struct Drawn {
    pub primitives: Vec<ClippedPrimitive>,
    pub textures: Vec<TexturesDelta>,
    pub size: [u32; 2],
    pub pixels_per_point: f32,
}

/// A context kept across the frames of an animation, so the font atlas is
/// uploaded once.
pub struct Headless {
    ctx: Context,
    time: f64,
    /// Texture changes of passes that measured rather than drew: the next
    /// picture carries them, so no upload is lost.
    pending: Vec<TexturesDelta>,
}

impl Headless {
    pub fn new(visuals: Visuals) -> Headless {
        let ctx = Context::default();
        ctx.set_visuals(visuals);
        Headless {
            ctx,
            time: 0.0,
            pending: Vec::new(),
        }
    }

    /// Runs `ui` over `canvas` and tessellates what it drew.
    pub fn draw(&mut self, canvas: Canvas, mut ui: impl FnMut(&mut Ui)) -> Drawn {
        let mut textures = std::mem::take(&mut self.pending);
        let mut last = None;
        for _ in 0..PASSES {
            let input = self.input(canvas);
            let output = self.ctx.run_ui(input, &mut ui);
            textures.push(output.textures_delta);
            last = Some((output.shapes, output.pixels_per_point));
        }
        let (shapes, pixels_per_point) = last.unwrap_or_default();
        Drawn {
            primitives: self.ctx.tessellate(shapes, pixels_per_point),
            textures,
            size: canvas.pixels(),
            pixels_per_point,
        }
    }

    /// The context the pictures are drawn in: raster tiles for them are
    /// loaded as its textures.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// Gives up a picture drawn too early (tiles still loading), keeping
    /// its texture changes for the next, which may draw with them.
    pub fn discard(&mut self, mut drawn: Drawn) {
        self.pending.append(&mut drawn.textures);
    }

    /// Runs `ui` over `canvas` to learn a size; what it drew is not kept.
    pub fn measure(&mut self, canvas: Canvas, ui: impl FnMut(&mut Ui)) {
        let input = self.input(canvas);
        let output = self.ctx.run_ui(input, ui);
        self.pending.push(output.textures_delta);
    }

    fn input(&mut self, canvas: Canvas) -> RawInput {
        // Time moves on, so nothing waits for an animation that never ends.
        self.time += 1.0;
        let mut input = RawInput {
            screen_rect: Some(Rect::from_min_size(
                egui::Pos2::ZERO,
                vec2(canvas.width, canvas.height),
            )),
            time: Some(self.time),
            ..Default::default()
        };
        let viewport = ViewportInfo {
            native_pixels_per_point: Some(canvas.pixels_per_point),
            ..Default::default()
        };
        input.viewports.insert(ViewportId::ROOT, viewport);
        input
    }
}

impl Drop for Drawn {
    /// egui insists every texture change is applied; one dropped unpainted
    /// (a cancelled export) is given up on purpose.
    fn drop(&mut self) {
        self.textures.iter_mut().for_each(TexturesDelta::clear);
    }
}
