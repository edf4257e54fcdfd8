//! Real egui frames, painted: a label, the same at twice the scale, and a busy map's speed.

use std::time::Instant;

use egui::epaint::Primitive;
use egui::{
    Align2, Color32, Context, FontId, Pos2, RawInput, Rect, Shape, Stroke, ViewportId,
    ViewportInfo, pos2, vec2,
};
use image::RgbaImage;

use super::SoftPainter;

/// One egui frame of `ui`, light theme, painted at `pixels_per_point`.
fn paint_egui(
    size_in_points: [f32; 2],
    pixels_per_point: f32,
    mut ui: impl FnMut(&mut egui::Ui),
) -> (RgbaImage, usize, std::time::Duration) {
    let ctx = Context::default();
    ctx.set_theme(egui::Theme::Light);
    let mut input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size_in_points.into())),
        ..Default::default()
    };
    let viewport = ViewportInfo {
        native_pixels_per_point: Some(pixels_per_point),
        ..Default::default()
    };
    input.viewports.insert(ViewportId::ROOT, viewport);
    let mut output = ctx.run_ui(input, |root| ui(root));
    assert_eq!(output.pixels_per_point, pixels_per_point);
    let shapes = std::mem::take(&mut output.shapes);
    let primitives = ctx.tessellate(shapes, output.pixels_per_point);
    let triangles = primitives
        .iter()
        .map(|p| match &p.primitive {
            Primitive::Mesh(mesh) => mesh.indices.len() / 3,
            Primitive::Callback(_) => 0,
        })
        .sum();
    let mut painter = SoftPainter::new();
    painter.set_textures(&output.textures_delta);
    let size = size_in_points.map(|side| (side * pixels_per_point).round() as u32);
    let background = ctx.global_style().visuals.panel_fill;
    let started = Instant::now();
    let image = painter.paint(size, background, &primitives, output.pixels_per_point);
    let painting = started.elapsed();
    painter.free_textures(&output.textures_delta);
    output.textures_delta.clear();
    (
        image.unwrap_or_else(|error| panic!("{error}")),
        triangles,
        painting,
    )
}

fn is_dark(pixel: [u8; 4]) -> bool {
    pixel[..3].iter().all(|&c| c < 160)
}

/// Paints a label and returns the image, the label's rect in points, and the rows holding dark pixels.
fn paint_label(pixels_per_point: f32) -> (RgbaImage, Rect, std::ops::RangeInclusive<u32>) {
    let mut label = Rect::NOTHING;
    let (image, _, _) = paint_egui([200.0, 100.0], pixels_per_point, |ui| {
        egui::CentralPanel::default().show(ui, |ui| label = ui.label("Hello").rect);
    });
    let dark_rows: Vec<u32> = image
        .enumerate_pixels()
        .filter(|(_, _, p)| is_dark(p.0))
        .map(|(_, y, _)| y)
        .collect();
    let top = dark_rows.iter().copied().min().unwrap_or(0);
    let bottom = dark_rows.iter().copied().max().unwrap_or(0);
    (image, label, top..=bottom)
}

fn assert_text_only_inside(image: &RgbaImage, label: Rect, pixels_per_point: f32) {
    let panel = image.get_pixel(0, 0).0;
    let in_label = (label * pixels_per_point).expand(1.0);
    let mut dark_inside = 0;
    for (x, y, pixel) in image.enumerate_pixels() {
        let centre = pos2(x as f32 + 0.5, y as f32 + 0.5);
        if in_label.contains(centre) {
            dark_inside += usize::from(is_dark(pixel.0));
        } else {
            assert_eq!(
                pixel.0, panel,
                "pixel {x},{y} outside the label {in_label:?}"
            );
        }
    }
    assert!(
        dark_inside > 40,
        "only {dark_inside} dark pixels in the label"
    );
}

#[test]
fn a_real_egui_pass_paints_its_label_and_nothing_else() {
    let (image, label, _) = paint_label(1.0);
    assert_eq!(image.dimensions(), (200, 100));
    assert_text_only_inside(&image, label, 1.0);
}

#[test]
fn at_twice_the_scale_the_image_and_the_text_are_twice_as_large() {
    let (small, label, small_rows) = paint_label(1.0);
    let (large, large_label, large_rows) = paint_label(2.0);
    assert_eq!(large.dimensions(), (400, 200));
    assert_eq!(large_label, label);
    assert_text_only_inside(&large, large_label, 2.0);
    let height = |rows: &std::ops::RangeInclusive<u32>| (rows.end() - rows.start() + 1) as f32;
    let ratio = height(&large_rows) / height(&small_rows);
    assert!(
        (1.7..=2.3).contains(&ratio),
        "text {small_rows:?} at 1× and {large_rows:?} at 2×"
    );
    assert_eq!(small.dimensions(), (200, 100));
}

/// A deterministic stream of numbers in `0..1`.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> f32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 40) as f32 / (1u64 << 24) as f32
    }

    fn point(&mut self, size: [f32; 2]) -> Pos2 {
        pos2(self.next() * size[0], self.next() * size[1])
    }
}

/// Roughly what a busy map frame holds: translucent areas, borders, markers and names.
fn busy_map(ui: &mut egui::Ui, size: [f32; 2], scale: usize) {
    let painter = ui.painter();
    let mut noise = Noise(7);
    painter.rect_filled(
        Rect::from_min_size(Pos2::ZERO, size.into()),
        0.0,
        Color32::from_rgb(200, 220, 240),
    );
    for _ in 0..40 * scale {
        let centre = noise.point(size);
        let radius = 10.0 + 60.0 * noise.next();
        let points = (0..24)
            .map(|i| centre + radius * egui::Vec2::angled(i as f32 / 24.0 * std::f32::consts::TAU))
            .collect();
        let fill = Color32::from_rgba_unmultiplied(200, 60, 60, 90);
        painter.add(Shape::convex_polygon(
            points,
            fill,
            Stroke::new(1.0, Color32::DARK_RED),
        ));
    }
    for _ in 0..300 * scale {
        let start = noise.point(size);
        let line: Vec<Pos2> = (0..8)
            .map(|i| start + vec2(i as f32 * 12.0, 20.0 * noise.next()))
            .collect();
        painter.add(Shape::line(line, Stroke::new(1.5, Color32::DARK_GRAY)));
    }
    for _ in 0..1000 * scale {
        let centre = noise.point(size);
        painter.circle(
            centre,
            3.0 + 4.0 * noise.next(),
            Color32::GOLD,
            Stroke::new(1.0, Color32::BLACK),
        );
    }
    for i in 0..120 * scale {
        let at = noise.point(size);
        painter.text(
            at,
            Align2::CENTER_CENTER,
            format!("Place {i}"),
            FontId::proportional(12.0),
            Color32::BLACK,
        );
    }
}

/// `cargo test --release raster::egui_tests::a_busy -- --nocapture` prints the figures.
#[test]
fn a_busy_map_frame_paints_quickly() {
    // An unoptimised build is several times slower: keep the debug run short.
    let scales: &[usize] = if cfg!(debug_assertions) {
        &[1]
    } else {
        &[1, 4]
    };
    let size = [800.0, 500.0];
    for &scale in scales {
        let (image, triangles, painting) = paint_egui(size, 2.0, |ui| busy_map(ui, size, scale));
        assert_eq!(image.dimensions(), (1600, 1000));
        println!("busy map at 1600×1000 px: {triangles} triangles painted in {painting:?}");
    }
}
