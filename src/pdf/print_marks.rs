//! The printing office's marks on a UN document's first page: the job number
//! ("99-20410 (E) 120799", "09-22352 (E) 040209") and its bar code
//! ("*9920410E*"). They sit at the page foot on one page only, so they are not
//! caught as running footers, and left in place they cut the first page's last
//! sentence off from its end on the next page.

/// Whether `text` is a job-number line or its bar code.
pub(crate) fn is_print_mark(text: &str) -> bool {
    let t = text.trim().trim_end_matches("/...").trim_end();
    is_job_number(t) || is_bar_code(t)
}

/// "99-20410 (E) 120799": two digits, a dash, five digits, the language letter
/// in brackets, optionally the six-digit print date.
fn is_job_number(t: &str) -> bool {
    let mut parts = t.split_whitespace();
    let (Some(job), Some(lang)) = (parts.next(), parts.next()) else {
        return false;
    };
    let job_ok = job.len() == 8
        && job.bytes().enumerate().all(|(i, b)| {
            if i == 2 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let lang_ok = lang.len() == 3
        && lang.starts_with('(')
        && lang.ends_with(')')
        && lang.as_bytes()[1].is_ascii_uppercase();
    let date_ok = match (parts.next(), parts.next()) {
        (None, None) => true,
        (Some(d), None) => d.len() == 6 && d.bytes().all(|b| b.is_ascii_digit()),
        _ => false,
    };
    job_ok && lang_ok && date_ok
}

/// "*9920410E*", "*0922352*": the job number as a bar code's human-readable line.
fn is_bar_code(t: &str) -> bool {
    let Some(inner) = t.strip_prefix('*').and_then(|r| r.strip_suffix('*')) else {
        return false;
    };
    let digits = inner.bytes().take_while(|b| b.is_ascii_digit()).count();
    digits == 7 && inner[digits..].bytes().all(|b| b.is_ascii_uppercase()) && inner.len() <= 9
}

#[cfg(test)]
mod tests {
    use super::is_print_mark;

    #[test]
    fn job_numbers_and_bar_codes_are_print_marks() {
        for t in [
            "99-20410 (E) 120799 /...",
            "96-15748 (E)    260696",
            "09-22352 (E) 040209",
            "*9920410E*",
            "*0922352*",
        ] {
            assert!(is_print_mark(t), "{t}");
        }
        for t in [
            "09-22352 13",
            "resolution 1244 (1999)",
            "*",
            "1996-1997 (E) x",
            "*important*",
        ] {
            assert!(!is_print_mark(t), "{t}");
        }
    }
}
