//! Meshes built by hand: fill rule, blending, clipping, textures, errors.

use std::sync::Arc;

use egui::epaint::{ImageDelta, Primitive, Vertex};
use egui::{
    ClippedPrimitive, Color32, ColorImage, Mesh, PaintCallback, Pos2, Rect, TextureId,
    TextureOptions, TexturesDelta, pos2, vec2,
};
use image::RgbaImage;

use super::{PaintError, SoftPainter};

const WHITE: [u8; 4] = [255; 4];
const RED: [u8; 4] = [255, 0, 0, 255];
const BLUE: [u8; 4] = [0, 0, 255, 255];

/// A painter holding a white font texture, as egui's `WHITE_UV` expects.
fn painter_with_white() -> SoftPainter {
    let mut painter = SoftPainter::new();
    upload(
        &mut painter,
        TextureId::default(),
        [2, 2],
        Color32::WHITE,
        TextureOptions::LINEAR,
    );
    painter
}

fn upload(
    painter: &mut SoftPainter,
    id: TextureId,
    size: [usize; 2],
    color: Color32,
    options: TextureOptions,
) {
    let mut delta = TexturesDelta::default();
    delta.push(
        id,
        ImageDelta::full(ColorImage::filled(size, color), options),
    );
    painter.set_textures(&delta);
    delta.clear();
}

fn everywhere() -> Rect {
    Rect::from_min_max(pos2(-1e4, -1e4), pos2(1e4, 1e4))
}

fn primitive(mesh: Mesh, clip_rect: Rect) -> ClippedPrimitive {
    ClippedPrimitive {
        clip_rect,
        primitive: Primitive::Mesh(mesh),
    }
}

fn rect_mesh(rect: Rect, color: Color32) -> Mesh {
    let mut mesh = Mesh::default();
    mesh.add_colored_rect(rect, color);
    mesh
}

fn paint(painter: &SoftPainter, size: [u32; 2], primitives: &[ClippedPrimitive]) -> RgbaImage {
    match painter.paint(size, Color32::WHITE, primitives, 1.0) {
        Ok(image) => image,
        Err(error) => panic!("painting failed: {error}"),
    }
}

/// Every pixel whose centre lies in `[min, max)`, by pixel index.
fn pixels_in(
    image: &RgbaImage,
    min: [u32; 2],
    max: [u32; 2],
) -> impl Iterator<Item = (u32, u32, [u8; 4])> + '_ {
    image.enumerate_pixels().filter_map(move |(x, y, p)| {
        let inside = (min[0]..max[0]).contains(&x) && (min[1]..max[1]).contains(&y);
        inside.then_some((x, y, p.0))
    })
}

fn count(image: &RgbaImage, color: [u8; 4]) -> usize {
    image.pixels().filter(|p| p.0 == color).count()
}

#[test]
fn a_solid_rectangle_fills_exactly_its_pixels() {
    let painter = painter_with_white();
    let mesh = rect_mesh(
        Rect::from_min_max(pos2(2.0, 3.0), pos2(7.0, 9.0)),
        Color32::RED,
    );
    let image = paint(&painter, [10, 12], &[primitive(mesh, everywhere())]);
    for (x, y, pixel) in image.enumerate_pixels() {
        let inside = (2..7).contains(&x) && (3..9).contains(&y);
        assert_eq!(pixel.0, if inside { RED } else { WHITE }, "pixel {x},{y}");
    }
}

#[test]
fn pixel_centres_on_an_edge_belong_to_the_top_and_left_edges_only() {
    let painter = painter_with_white();
    // Every side passes through a column or row of pixel centres.
    let mesh = rect_mesh(
        Rect::from_min_max(pos2(1.5, 2.5), pos2(4.5, 6.5)),
        Color32::RED,
    );
    let image = paint(&painter, [8, 8], &[primitive(mesh, everywhere())]);
    assert_eq!(count(&image, RED), 3 * 4);
    assert!(pixels_in(&image, [1, 2], [4, 6]).all(|(_, _, p)| p == RED));
}

/// A premultiplied half-transparent blue, and what it makes of white.
const GLASS: Color32 = Color32::from_rgba_premultiplied(0, 0, 128, 128);
const GLASS_ON_WHITE: [u8; 4] = [127, 127, 255, 255];

#[test]
fn two_triangles_sharing_an_edge_leave_no_seam_and_no_double_blend() {
    let painter = painter_with_white();
    // A diagonal through pixel centres, and a quad whose sides run through them too.
    let mut mesh = Mesh::default();
    for corner in [
        pos2(0.5, 0.5),
        pos2(10.5, 0.5),
        pos2(10.5, 10.5),
        pos2(0.5, 10.5),
    ] {
        mesh.colored_vertex(corner, GLASS);
    }
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    let image = paint(&painter, [12, 12], &[primitive(mesh, everywhere())]);
    assert_eq!(count(&image, GLASS_ON_WHITE), 100);
    assert_eq!(count(&image, WHITE), 144 - 100);
}

#[test]
fn a_jittered_grid_of_triangles_covers_each_pixel_once() {
    let painter = painter_with_white();
    let (cells, cell) = (8, 6.0);
    let mut seed = 12345_u32;
    // Jitter on a 1/4-pixel grid, so that many edges pass exactly through pixel centres.
    let mut jitter = || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        ((seed >> 16) % 11) as f32 / 4.0 - 1.25
    };
    let mut mesh = Mesh::default();
    for row in 0..=cells {
        for column in 0..=cells {
            let on_border = row == 0 || column == 0 || row == cells || column == cells;
            let (dx, dy) = if on_border {
                (0.0, 0.0)
            } else {
                (jitter(), jitter())
            };
            let corner = pos2(
                3.0 + column as f32 * cell + dx,
                3.0 + row as f32 * cell + dy,
            );
            mesh.colored_vertex(corner, GLASS);
        }
    }
    let index = |row: u32, column: u32| row * (cells + 1) + column;
    for row in 0..cells {
        for column in 0..cells {
            let [a, b] = [index(row, column), index(row, column + 1)];
            let [c, d] = [index(row + 1, column), index(row + 1, column + 1)];
            // Split cells along either diagonal.
            if (row + column) % 2 == 0 {
                mesh.add_triangle(a, b, d);
                mesh.add_triangle(a, d, c);
            } else {
                mesh.add_triangle(a, b, c);
                mesh.add_triangle(c, b, d);
            }
        }
    }
    let image = paint(&painter, [54, 54], &[primitive(mesh, everywhere())]);
    for (x, y, pixel) in image.enumerate_pixels() {
        let inside = (3..51).contains(&x) && (3..51).contains(&y);
        let expected = if inside { GLASS_ON_WHITE } else { WHITE };
        assert_eq!(pixel.0, expected, "pixel {x},{y}");
    }
}

#[test]
fn a_fan_of_triangles_at_odd_angles_covers_each_pixel_once() {
    let painter = painter_with_white();
    let centre = pos2(20.3, 17.7);
    let mut mesh = Mesh::default();
    mesh.colored_vertex(centre, GLASS);
    let spokes = 13;
    for i in 0..spokes {
        let angle = i as f32 / spokes as f32 * std::f32::consts::TAU + 0.1;
        mesh.colored_vertex(centre + 15.0 * vec2(angle.cos(), angle.sin()), GLASS);
    }
    for i in 0..spokes {
        // Alternate windings: egui does not keep to one.
        let (a, b) = (1 + i, 1 + (i + 1) % spokes);
        if i % 2 == 0 {
            mesh.add_triangle(0, a, b)
        } else {
            mesh.add_triangle(b, a, 0)
        }
    }
    let image = paint(&painter, [40, 40], &[primitive(mesh, everywhere())]);
    assert!(
        image
            .pixels()
            .all(|p| p.0 == WHITE || p.0 == GLASS_ON_WHITE)
    );
    // Every pixel well inside the polygon is covered.
    for (x, y, pixel) in image.enumerate_pixels() {
        if pos2(x as f32 + 0.5, y as f32 + 0.5).distance(centre) < 13.0 {
            assert_eq!(pixel.0, GLASS_ON_WHITE, "pixel {x},{y}");
        }
    }
}

#[test]
fn half_transparent_red_over_white_blends_premultiplied() {
    let painter = painter_with_white();
    let half_red = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
    let mesh = rect_mesh(Rect::from_min_max(pos2(0.0, 0.0), pos2(4.0, 4.0)), half_red);
    let image = paint(&painter, [4, 4], &[primitive(mesh, everywhere())]);
    // 128/255 of red plus 127/255 of white.
    assert!(image.pixels().all(|p| p.0 == [255, 127, 127, 255]));
}

#[test]
fn a_transparent_background_comes_out_unpremultiplied() {
    let painter = painter_with_white();
    let half_red = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
    let mesh = rect_mesh(Rect::from_min_max(pos2(0.0, 0.0), pos2(2.0, 2.0)), half_red);
    let primitives = [primitive(mesh, everywhere())];
    let image = painter.paint([4, 4], Color32::TRANSPARENT, &primitives, 1.0);
    let image = image.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(image.get_pixel(0, 0).0, [255, 0, 0, 128]);
    assert_eq!(image.get_pixel(3, 3).0, [0, 0, 0, 0]);
}

#[test]
fn a_clip_rect_clips_rounded_to_whole_pixels() {
    let painter = painter_with_white();
    let mesh = rect_mesh(
        Rect::from_min_max(pos2(0.0, 0.0), pos2(10.0, 10.0)),
        Color32::RED,
    );
    let clip = Rect::from_min_max(pos2(2.4, 3.6), pos2(5.6, 7.2));
    let image = paint(&painter, [10, 10], &[primitive(mesh, clip)]);
    for (x, y, pixel) in image.enumerate_pixels() {
        let inside = (2..6).contains(&x) && (4..7).contains(&y);
        assert_eq!(pixel.0, if inside { RED } else { WHITE }, "pixel {x},{y}");
    }
}

#[test]
fn a_scale_multiplies_positions_and_clip_rects() {
    let painter = painter_with_white();
    let mesh = rect_mesh(
        Rect::from_min_max(pos2(1.0, 1.0), pos2(3.0, 3.0)),
        Color32::RED,
    );
    let clip = Rect::from_min_max(pos2(0.0, 0.0), pos2(2.0, 5.0));
    let primitives = [primitive(mesh, clip)];
    let image = painter.paint([8, 8], Color32::WHITE, &primitives, 2.0);
    let image = image.unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(count(&image, RED), 2 * 4);
    assert!(pixels_in(&image, [2, 2], [4, 6]).all(|(_, _, p)| p == RED));
}

/// A rect showing all of texture `id`, one texel to a pixel.
fn textured_square(id: TextureId, side: f32) -> Mesh {
    let mut mesh = Mesh::with_texture(id);
    let square = Rect::from_min_size(Pos2::ZERO, vec2(side, side));
    mesh.add_rect_with_uv(
        square,
        Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
        Color32::WHITE,
    );
    mesh
}

#[test]
fn a_partial_texture_update_changes_only_its_region() {
    let mut painter = painter_with_white();
    let id = TextureId::User(7);
    upload(
        &mut painter,
        id,
        [4, 4],
        Color32::RED,
        TextureOptions::NEAREST,
    );
    let mut delta = TexturesDelta::default();
    let patch = ColorImage::filled([2, 1], Color32::BLUE);
    delta.push(
        id,
        ImageDelta::partial([1, 2], patch, TextureOptions::NEAREST),
    );
    painter.set_textures(&delta);
    delta.clear();
    let image = paint(
        &painter,
        [4, 4],
        &[primitive(textured_square(id, 4.0), everywhere())],
    );
    for (x, y, pixel) in image.enumerate_pixels() {
        let patched = (1..3).contains(&x) && y == 2;
        assert_eq!(pixel.0, if patched { BLUE } else { RED }, "pixel {x},{y}");
    }
}

#[test]
fn magnification_follows_the_texture_filter() {
    let mut painter = painter_with_white();
    let stripes = ColorImage::new([2, 1], vec![Color32::BLACK, Color32::WHITE]);
    for (id, options) in [(1, TextureOptions::NEAREST), (2, TextureOptions::LINEAR)] {
        let mut delta = TexturesDelta::default();
        delta.push(
            TextureId::User(id),
            ImageDelta::full(stripes.clone(), options),
        );
        painter.set_textures(&delta);
        delta.clear();
    }
    let row = |id| {
        let image = paint(
            &painter,
            [8, 8],
            &[primitive(
                textured_square(TextureId::User(id), 8.0),
                everywhere(),
            )],
        );
        (0..8)
            .map(|x| image.get_pixel(x, 4).0[0])
            .collect::<Vec<_>>()
    };
    assert_eq!(row(1), [0, 0, 0, 0, 255, 255, 255, 255]);
    // Texel centres fall between pixels 1|2 and 5|6; clamped to the edge beyond them.
    assert_eq!(row(2), [0, 0, 32, 96, 159, 223, 255, 255]);
}

#[test]
fn freed_and_missing_textures_are_errors_not_panics() {
    let mut painter = painter_with_white();
    let id = TextureId::User(3);
    upload(
        &mut painter,
        id,
        [1, 1],
        Color32::RED,
        TextureOptions::LINEAR,
    );
    let mut delta = TexturesDelta::default();
    delta.free(id);
    painter.free_textures(&delta);
    delta.clear();
    let primitives = [primitive(textured_square(id, 2.0), everywhere())];
    let result = painter.paint([4, 4], Color32::WHITE, &primitives, 1.0);
    assert!(matches!(result, Err(PaintError::MissingTexture(missing)) if missing == id));
}

#[test]
fn a_bad_index_is_an_error_not_a_panic() {
    let painter = painter_with_white();
    let mut mesh = rect_mesh(
        Rect::from_min_max(pos2(0.0, 0.0), pos2(2.0, 2.0)),
        Color32::RED,
    );
    mesh.indices.extend([0, 1, 99]);
    let result = painter.paint(
        [4, 4],
        Color32::WHITE,
        &[primitive(mesh, everywhere())],
        1.0,
    );
    assert!(matches!(result, Err(PaintError::BadIndex(_))));
}

#[test]
fn sizes_and_scales_out_of_range_are_errors() {
    let painter = painter_with_white();
    let paint = |size, scale| painter.paint(size, Color32::WHITE, &[], scale);
    assert!(matches!(
        paint([0, 10], 1.0),
        Err(PaintError::Empty {
            width: 0,
            height: 10
        })
    ));
    assert!(matches!(
        paint([100_000, 10], 1.0),
        Err(PaintError::TooLarge { .. })
    ));
    assert!(matches!(
        paint([10, 16385], 1.0),
        Err(PaintError::TooLarge { .. })
    ));
    assert!(matches!(paint([10, 10], 0.0), Err(PaintError::BadScale(_))));
    assert!(matches!(
        paint([10, 10], f32::NAN),
        Err(PaintError::BadScale(_))
    ));
    assert!(paint([1, 1], 1.0).is_ok());
}

#[test]
fn a_paint_callback_is_an_error() {
    let painter = painter_with_white();
    let callback = PaintCallback {
        rect: Rect::from_min_max(pos2(0.0, 0.0), pos2(4.0, 4.0)),
        callback: Arc::new(()),
    };
    let primitives = [ClippedPrimitive {
        clip_rect: everywhere(),
        primitive: Primitive::Callback(callback),
    }];
    let result = painter.paint([4, 4], Color32::WHITE, &primitives, 1.0);
    assert!(matches!(result, Err(PaintError::PaintCallback)));
}

#[test]
fn triangles_reaching_far_off_the_image_are_clipped_without_seams() {
    let painter = painter_with_white();
    // A quad a hundred million points across, split along a diagonal that
    // crosses the image, as a map area drawn at a deep zoom would be.
    let mut mesh = Mesh::default();
    let far = 1.0e8;
    for corner in [
        pos2(-far, -far * 0.7),
        pos2(far, -far),
        pos2(far * 0.9, far),
        pos2(-far, far),
    ] {
        mesh.colored_vertex(corner, GLASS);
    }
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    let image = paint(&painter, [64, 48], &[primitive(mesh, everywhere())]);
    assert_eq!(count(&image, GLASS_ON_WHITE), 64 * 48);
}

#[test]
fn non_finite_vertices_are_skipped() {
    let painter = painter_with_white();
    let mut mesh = Mesh::default();
    mesh.vertices.push(Vertex {
        pos: pos2(f32::NAN, 0.0),
        uv: Pos2::ZERO,
        color: Color32::RED,
    });
    mesh.colored_vertex(pos2(4.0, 0.0), Color32::RED);
    mesh.colored_vertex(pos2(0.0, f32::INFINITY), Color32::RED);
    mesh.add_triangle(0, 1, 2);
    let image = paint(&painter, [4, 4], &[primitive(mesh, everywhere())]);
    assert_eq!(count(&image, WHITE), 16);
}
