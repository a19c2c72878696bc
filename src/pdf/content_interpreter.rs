//! Content streams: an interpreter of the text and graphics-state operators,
//! producing positioned glyphs (tokens from [`super::content_lexer`], glyphs
//! into [`super::page_content`]).
//!
//! Form XObjects are followed to a fixed depth, never into themselves, and every
//! page has an operator and glyph budget.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::content_lexer::{Lexer, Token};
use super::font_decoding::{deref, number, Font};
use super::page_content::{mul, Glyph, Matrix, PageContent, IDENTITY};

/// Form XObjects nested deeper than this are skipped.
const MAX_FORM_DEPTH: usize = 12;
/// `q` nested deeper than this is ignored (its `Q` too).
const MAX_SAVE_DEPTH: usize = 256;
/// Glyphs kept per page; more is a hostile or broken file.
const MAX_GLYPHS_PER_PAGE: usize = 2_000_000;
/// Operators run per page (forms included).
const MAX_OPS_PER_PAGE: u64 = 50_000_000;
/// Bytes a page's content (forms included) may inflate to.
pub(crate) const MAX_PAGE_CONTENT: usize = 64 << 20;

/// Why interpretation stopped.
#[derive(Debug, Clone)]
pub(crate) enum ContentError {
    /// A stream inflates beyond [`MAX_PAGE_CONTENT`].
    DecompressionLimit,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
}

impl GState {
    fn new(ctm: Matrix) -> GState {
        GState {
            ctm,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Operands collected before an operator.
#[derive(Debug)]
enum Operand<'a> {
    Num(f32),
    Name(&'a [u8]),
    Str(Vec<u8>),
    /// A flat array of numbers and strings (`TJ`).
    Array(Vec<Operand<'a>>),
    Other,
}

/// Runs page content streams, caching fonts across pages.
pub(crate) struct Interpreter<'d> {
    doc: &'d Document,
    fonts: HashMap<usize, Rc<Font>>,
    fallback: Rc<Font>,
}

struct Run<'r> {
    out: PageContent,
    ops: u64,
    budget: usize,
    form_stack: Vec<ObjectId>,
    _marker: std::marker::PhantomData<&'r ()>,
}

impl<'d> Interpreter<'d> {
    /// An interpreter over `doc`.
    pub fn new(doc: &'d Document) -> Interpreter<'d> {
        Interpreter {
            doc,
            fonts: HashMap::new(),
            fallback: Rc::new(Font::fallback()),
        }
    }

    /// Glyphs of page `page_id`.
    pub fn page(&mut self, page_id: ObjectId) -> Result<PageContent, ContentError> {
        let content = self
            .doc
            .get_page_content_with_limit(page_id, MAX_PAGE_CONTENT)
            .map_err(|e| match e {
                lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                }) => ContentError::DecompressionLimit,
                _ => ContentError::DecompressionLimit,
            })?;
        let resources = page_resources(self.doc, page_id);
        let mut run = Run {
            out: PageContent::default(),
            ops: 0,
            budget: MAX_PAGE_CONTENT.saturating_sub(content.len()),
            form_stack: Vec::new(),
            _marker: std::marker::PhantomData,
        };
        self.run(&mut run, &content, &resources, GState::new(IDENTITY))?;
        Ok(run.out)
    }

    fn font(&mut self, resources: &[&Dictionary], name: &[u8]) -> Rc<Font> {
        let doc = self.doc;
        for res in resources {
            let Some(fonts) = deref(doc, res.get(b"Font").ok()).and_then(|o| o.as_dict().ok())
            else {
                continue;
            };
            let Ok(entry) = fonts.get(name) else {
                continue;
            };
            let key = match entry {
                Object::Reference((n, g)) => ((*n as usize) << 16) ^ (*g as usize),
                other => other as *const Object as usize,
            };
            if let Some(f) = self.fonts.get(&key) {
                return f.clone();
            }
            let Some(dict) = deref(doc, Some(entry)).and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            let font = Rc::new(Font::load(doc, dict));
            self.fonts.insert(key, font.clone());
            return font;
        }
        self.fallback.clone()
    }

    fn run(
        &mut self,
        run: &mut Run<'_>,
        content: &[u8],
        resources: &[&Dictionary],
        mut gs: GState,
    ) -> Result<(), ContentError> {
        let mut stack: Vec<GState> = Vec::new();
        let mut skipped_saves = 0usize;
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut lexer = Lexer::new(content);
        let mut operands: Vec<Operand<'_>> = Vec::new();
        let mut array: Option<Vec<Operand<'_>>> = None;
        let mut array_depth = 0usize;
        let mut dict_depth = 0usize;
        while let Some(tok) = lexer.next_token() {
            if dict_depth > 0 {
                match tok {
                    Token::DictOpen => dict_depth += 1,
                    Token::DictClose => {
                        dict_depth -= 1;
                        if dict_depth == 0 {
                            push_operand(&mut operands, &mut array, Operand::Other);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            let op = match tok {
                Token::Num(n) => {
                    push_operand(&mut operands, &mut array, Operand::Num(n));
                    continue;
                }
                Token::Name(n) => {
                    push_operand(&mut operands, &mut array, Operand::Name(n));
                    continue;
                }
                Token::Str(s) | Token::Hex(s) => {
                    if array_depth <= 1 {
                        push_operand(&mut operands, &mut array, Operand::Str(s));
                    }
                    continue;
                }
                Token::ArrayOpen => {
                    array_depth += 1;
                    if array_depth == 1 {
                        array = Some(Vec::new());
                    }
                    continue;
                }
                Token::ArrayClose => {
                    if array_depth > 0 {
                        array_depth -= 1;
                        if array_depth == 0 {
                            if let Some(a) = array.take() {
                                operands.push(Operand::Array(a));
                            }
                        }
                    }
                    continue;
                }
                Token::DictOpen => {
                    dict_depth = 1;
                    continue;
                }
                Token::DictClose => continue,
                Token::Op(op) => op,
            };
            // an operator inside an unclosed array: the array was malformed
            if array_depth > 0 {
                array_depth = 0;
                array = None;
            }
            run.ops += 1;
            if run.ops > MAX_OPS_PER_PAGE {
                break;
            }
            let nums = |k: usize| -> Option<Vec<f32>> {
                if operands.len() < k {
                    return None;
                }
                operands[operands.len() - k..]
                    .iter()
                    .map(|o| match o {
                        Operand::Num(n) => Some(*n),
                        _ => None,
                    })
                    .collect()
            };
            match op {
                b"q" => {
                    if stack.len() < MAX_SAVE_DEPTH {
                        stack.push(gs.clone());
                    } else {
                        skipped_saves += 1;
                    }
                }
                b"Q" => {
                    if skipped_saves > 0 {
                        skipped_saves -= 1;
                    } else if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                b"cm" => {
                    if let Some(v) = nums(6) {
                        let m = [v[0], v[1], v[2], v[3], v[4], v[5]];
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" if operands.len() >= 2 => {
                    if let (Operand::Name(n), Operand::Num(size)) =
                        (&operands[operands.len() - 2], &operands[operands.len() - 1])
                    {
                        gs.font = Some(self.font(resources, n));
                        gs.size = *size;
                    }
                }
                b"Tc" => {
                    if let Some(v) = nums(1) {
                        gs.char_space = v[0];
                    }
                }
                b"Tw" => {
                    if let Some(v) = nums(1) {
                        gs.word_space = v[0];
                    }
                }
                b"Tz" => {
                    if let Some(v) = nums(1) {
                        gs.hscale = v[0] / 100.0;
                    }
                }
                b"TL" => {
                    if let Some(v) = nums(1) {
                        gs.leading = v[0];
                    }
                }
                b"Ts" => {
                    if let Some(v) = nums(1) {
                        gs.rise = v[0];
                    }
                }
                b"Td" | b"TD" => {
                    if let Some(v) = nums(2) {
                        if op == b"TD" {
                            gs.leading = -v[1];
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, v[0], v[1]], &tlm);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let Some(v) = nums(6) {
                        tlm = [v[0], v[1], v[2], v[3], v[4], v[5]];
                        tm = tlm;
                    }
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" {
                        if let Some(v) = nums(3).or_else(|| {
                            // operands: aw ac string
                            if operands.len() >= 3 {
                                match (&operands[operands.len() - 3], &operands[operands.len() - 2])
                                {
                                    (Operand::Num(a), Operand::Num(b)) => Some(vec![*a, *b, 0.0]),
                                    _ => None,
                                }
                            } else {
                                None
                            }
                        }) {
                            gs.word_space = v[0];
                            gs.char_space = v[1];
                        }
                    }
                    if op != b"Tj" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s)) = operands.last() {
                        show(&mut run.out, &gs, &mut tm, s);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = operands.last() {
                        for item in items {
                            match item {
                                Operand::Str(s) => show(&mut run.out, &gs, &mut tm, s),
                                Operand::Num(n) => {
                                    let tx = -n / 1000.0 * gs.size * gs.hscale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(n)) = operands.last() {
                        self.draw_xobject(run, resources, n, &gs)?;
                    }
                }
                b"BI" => run.out.images += 1,
                b"ID" => lexer.skip_inline_image(),
                _ => {}
            }
            operands.clear();
            if run.out.glyphs.len() > MAX_GLYPHS_PER_PAGE {
                break;
            }
        }
        Ok(())
    }

    fn draw_xobject(
        &mut self,
        run: &mut Run<'_>,
        resources: &[&Dictionary],
        name: &[u8],
        gs: &GState,
    ) -> Result<(), ContentError> {
        let doc = self.doc;
        let mut found: Option<(Option<ObjectId>, &lopdf::Stream)> = None;
        for res in resources {
            let Some(xobjects) =
                deref(doc, res.get(b"XObject").ok()).and_then(|o| o.as_dict().ok())
            else {
                continue;
            };
            let Ok(entry) = xobjects.get(name) else {
                continue;
            };
            let id = entry.as_reference().ok();
            if let Some(stream) = deref(doc, Some(entry)).and_then(|o| o.as_stream().ok()) {
                found = Some((id, stream));
                break;
            }
        }
        let Some((id, stream)) = found else {
            return Ok(());
        };
        let subtype = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        if subtype == b"Image" {
            run.out.images += 1;
            return Ok(());
        }
        if subtype != b"Form" || run.form_stack.len() >= MAX_FORM_DEPTH {
            return Ok(());
        }
        if let Some(id) = id {
            if run.form_stack.contains(&id) {
                return Ok(());
            }
        }
        let content = match stream.decompressed_content_with_limit(run.budget) {
            Ok(c) => c,
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => return Err(ContentError::DecompressionLimit),
            Err(_) if stream.content.len() <= run.budget => stream.content.clone(),
            Err(_) => return Err(ContentError::DecompressionLimit),
        };
        run.budget = run.budget.saturating_sub(content.len());
        let mut inner = gs.clone();
        if let Some(m) = deref(doc, stream.dict.get(b"Matrix").ok())
            .and_then(|o| o.as_array().ok())
            .and_then(|a| {
                let v: Option<Vec<f32>> = a
                    .iter()
                    .map(|o| deref(doc, Some(o)).and_then(number))
                    .collect();
                v.filter(|v| v.len() == 6)
            })
        {
            inner.ctm = mul(&[m[0], m[1], m[2], m[3], m[4], m[5]], &gs.ctm);
        }
        let own = deref(doc, stream.dict.get(b"Resources").ok()).and_then(|o| o.as_dict().ok());
        let mut inner_res: Vec<&Dictionary> = Vec::with_capacity(resources.len() + 1);
        if let Some(r) = own {
            inner_res.push(r);
        }
        inner_res.extend_from_slice(resources);
        run.form_stack.push(id.unwrap_or((u32::MAX, 0)));
        let result = self.run(run, &content, &inner_res, inner);
        run.form_stack.pop();
        result
    }
}

fn push_operand<'a>(
    operands: &mut Vec<Operand<'a>>,
    array: &mut Option<Vec<Operand<'a>>>,
    op: Operand<'a>,
) {
    match array {
        Some(a) => {
            if a.len() < 1 << 20 {
                a.push(op)
            }
        }
        None => {
            // a content stream that never uses its operands must not grow without bound
            if operands.len() >= 1 << 16 {
                operands.clear();
            }
            operands.push(op)
        }
    }
}

/// Shows string `s` with the current font, advancing the text matrix.
fn show(out: &mut PageContent, gs: &GState, tm: &mut Matrix, s: &[u8]) {
    let Some(font) = gs.font.as_ref() else {
        return;
    };
    let size = gs.size;
    let th = gs.hscale;
    font.decode(s, |g| {
        let trm = mul(
            &mul(&[size * th, 0.0, 0.0, size, 0.0, gs.rise], tm),
            &gs.ctm,
        );
        let mut tx = g.width * size + gs.char_space;
        if g.is_word_space {
            tx += gs.word_space;
        }
        tx *= th;
        let page_m = mul(tm, &gs.ctm);
        let x_scale = (page_m[0] * page_m[0] + page_m[1] * page_m[1]).sqrt();
        let y_scale = (page_m[2] * page_m[2] + page_m[3] * page_m[3]).sqrt();
        let upright =
            page_m[0] > 0.0 && page_m[1].abs() <= 0.05 * page_m[0].abs() && page_m[3] > 0.0;
        if !upright {
            out.rotated += 1;
        } else if !g.text.is_empty() && out.glyphs.len() <= MAX_GLYPHS_PER_PAGE {
            let start = out.text.len() as u32;
            out.text.push_str(g.text);
            out.glyphs.push(Glyph {
                start,
                end: out.text.len() as u32,
                x: trm[4],
                y: trm[5] - gs.rise * y_scale,
                width: tx * x_scale,
                size: (size * y_scale).abs(),
                rise: gs.rise * y_scale,
                bold: font.bold,
            });
        }
        *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
    });
}

/// The page's resource dictionaries, nearest first (inherited ones after).
fn page_resources(doc: &Document, page_id: ObjectId) -> Vec<&Dictionary> {
    let mut out = Vec::new();
    if let Ok((own, ids)) = doc.get_page_resources(page_id) {
        if let Some(d) = own {
            out.push(d);
        }
        for id in ids {
            if let Ok(d) = doc.get_dictionary(id) {
                out.push(d);
            }
        }
    }
    out
}
