//! Server-rendered SVG bar charts: readable without JavaScript, every bar with a
//! `<title>` and its value printed above it.

use maud::{html, Markup};

/// Chart size in SVG units (it scales to the page width).
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 8.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 18.0;

/// One bar per year from the first to the last year given (years without a
/// value get an empty slot, so gaps show), labelled with `unit`.
pub fn bars_by_year(id: &str, caption: &str, unit: &str, points: &[(i32, f64)]) -> Markup {
    let (Some(first), Some(last)) = (
        points.iter().map(|p| p.0).min(),
        points.iter().map(|p| p.0).max(),
    ) else {
        return html! { p.no-plot id=(id) { (caption) ": nothing to plot." } };
    };
    let years: Vec<i32> = (first..=last).collect();
    let value = |y: i32| -> f64 { points.iter().filter(|p| p.0 == y).map(|p| p.1).sum() };
    let max = years.iter().map(|y| value(*y)).fold(0.0_f64, f64::max);
    let slot = (WIDTH - LEFT) / years.len() as f64;
    let bar = (slot * 0.7).max(1.0);
    let plot_h = HEIGHT - BOTTOM - TOP;
    // label every year when they fit, else every n-th
    let label_every = ((years.len() as f64 * 34.0) / WIDTH).ceil().max(1.0) as usize;
    html! {
        figure.plot id=(id) {
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img" aria-label=(caption) {
                title { (caption) }
                line x1=(LEFT) y1=(HEIGHT - BOTTOM) x2=(WIDTH) y2=(HEIGHT - BOTTOM) stroke="#888" {}
                @for (i, y) in years.iter().enumerate() {
                    @let v = value(*y);
                    @let h = if max > 0.0 { v / max * plot_h } else { 0.0 };
                    @let x = LEFT + i as f64 * slot + (slot - bar) / 2.0;
                    g.bar data-year=(y) data-value=(v) {
                        title { (y) ": " (short(v)) " " (unit) }
                        rect x=(fmt(x)) y=(fmt(HEIGHT - BOTTOM - h)) width=(fmt(bar)) height=(fmt(h)) {}
                        @if v > 0.0 {
                            text.value x=(fmt(x + bar / 2.0)) y=(fmt(HEIGHT - BOTTOM - h - 4.0)) text-anchor="middle" { (short(v)) }
                        }
                        @if i % label_every == 0 {
                            text.year x=(fmt(x + bar / 2.0)) y=(fmt(HEIGHT - 6.0)) text-anchor="middle" { (y) }
                        }
                    }
                }
            }
            figcaption { (caption) }
        }
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// 12, 3.4k, 14M, 2.1B: short labels for bars.
pub fn short(v: f64) -> String {
    let a = v.abs();
    let (n, suffix) = if a >= 1e9 {
        (v / 1e9, "B")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e4 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    if n.fract().abs() < 0.05 || n.abs() >= 100.0 {
        format!("{n:.0}{suffix}")
    } else {
        format!("{n:.1}{suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_cover_every_year_and_escape_labels() {
        let svg =
            bars_by_year("p", "a <b>", "x", &[(2015, 2.0), (2017, 14_000_000.0)]).into_string();
        assert_eq!(svg.matches("<g class=\"bar\"").count(), 3);
        assert!(svg.contains("14M"));
        assert!(svg.contains("a &lt;b&gt;"));
        assert_eq!(short(1234.0), "1234");
        assert_eq!(short(2_500_000.0), "2.5M");
    }
}
