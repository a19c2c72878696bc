//! What a page draws, as the interpreter hands it to layout: glyphs with their
//! text and device-space positions, and the matrices that place them.

/// A 2-D affine matrix `[a b c d e f]` (PDF row-vector convention).
pub(crate) type Matrix = [f32; 6];

/// The identity matrix.
pub(crate) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m1 × m2`.
pub(crate) fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

/// A glyph drawn on the page, in device space (y grows upwards).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    /// Its text: `PageContent::text[start..end]`.
    pub start: u32,
    /// End of its text.
    pub end: u32,
    /// Left edge.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance width.
    pub width: f32,
    /// Font size on the page.
    pub size: f32,
    /// Text rise (`Ts`) on the page: superscripts.
    pub rise: f32,
    /// Drawn in a bold face.
    pub bold: bool,
}

/// What a page draws: glyph text and positions, and how many images.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    /// All glyph text, concatenated.
    pub text: String,
    /// Glyphs in drawing order.
    pub glyphs: Vec<Glyph>,
    /// Image XObjects and inline images drawn.
    pub images: usize,
    /// Upright glyphs skipped because they were rotated.
    pub rotated: usize,
}

impl PageContent {
    /// Text of one glyph.
    pub fn glyph_text(&self, g: &Glyph) -> &str {
        self.text
            .get(g.start as usize..g.end as usize)
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let translate = [1.0, 0.0, 0.0, 1.0, 10.0, 20.0];
        let scale = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        assert_eq!(mul(&translate, &scale), [2.0, 0.0, 0.0, 2.0, 20.0, 40.0]);
    }
}
