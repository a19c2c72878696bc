//! The segmenter never panics, and its spans always lie inside the text on char
//! boundaries, in order, whatever the input.

use std::path::Path;

use agendex::ingest::load_bytes;
use agendex::model::SourceFormat;
use proptest::prelude::*;

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("PART 2: Observers".to_string()),
        Just("# **Heading** é".to_string()),
        Just("**bold line**".to_string()),
        Just("__________".to_string()),
        "[0-9]{1,3}(\\.[0-9]{1,2})?[.)]? [A-Z][a-zé ]{0,60}\\.?",
        "[IVXC]{1,3}\\. [A-Z][a-z ]{0,30}",
        "- \\([a-z]\\) [a-z ]{0,40}",
        "[A-Za-zÀ-ÿ0-9 .,:;?()/*#_\\\\-]{0,90}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn spans_are_valid_for_any_text(lines in prop::collection::vec(line(), 0..40)) {
        let raw = lines.join("\n");
        let Ok(doc) = load_bytes(raw.as_bytes(), "x.txt", Path::new("x.txt"), SourceFormat::Text) else {
            return Ok(());
        };
        let segments = agendex::segment::segment(&doc);
        let mut previous_end = 0;
        for (i, s) in segments.iter().enumerate() {
            prop_assert_eq!(s.ordinal, i);
            for span in [s.heading, s.body] {
                prop_assert!(span.start <= span.end && span.end <= doc.text.len());
                prop_assert!(doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end));
            }
            prop_assert!(s.extent().start >= previous_end, "segments overlap");
            previous_end = s.body.end;
            prop_assert!(s.parent.is_none_or(|p| p < i));
            for q in &s.paragraphs {
                prop_assert!(s.extent().contains(q.span), "paragraph outside its segment");
            }
        }
    }
}
