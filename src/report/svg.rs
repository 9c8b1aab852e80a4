//! Small inline SVG charts for the HTML report, drawn on the server so the
//! page needs nothing from outside: no chart library, no fonts. Colours come
//! from the page's CSS classes (`s-pass`, `s-fail`…), never hard-coded here,
//! and every bar carries its number and label as text, so nothing is said by
//! colour alone. Every text is escaped.

use std::fmt::Write;

/// One bar: a label, the share it shows (0–1), the text beside it, and the
/// CSS class that colours it.
pub struct Bar<'a> {
    pub label: &'a str,
    pub share: f64,
    pub text: String,
    pub class: &'static str,
    /// Where the label links to, if anywhere (`#t-07`).
    pub href: Option<String>,
}

/// Text safe inside SVG (XML) content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Horizontal bars, one a row: the label at the left, the bar, its text at
/// the right. `title` names the chart for screen readers.
pub fn bars(title: &str, bars: &[Bar<'_>]) -> String {
    const ROW: u32 = 18;
    const LABEL: u32 = 44;
    const WIDTH: u32 = 420;
    const TEXT: u32 = 96;
    let span = WIDTH - LABEL - TEXT;
    let height = ROW * bars.len() as u32 + 4;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart bars" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        escape(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = i as u32 * ROW + 2;
        let share = if bar.share.is_finite() { bar.share.clamp(0.0, 1.0) } else { 0.0 };
        let w = (share * f64::from(span)).round() as u32;
        let label = escape(bar.label);
        let label = match &bar.href {
            Some(href) => {
                format!(r#"<a href="{}"><text x="0" y="{}" class="label">{label}</text></a>"#, escape(href), y + 12)
            }
            None => format!(r#"<text x="0" y="{}" class="label">{label}</text>"#, y + 12),
        };
        let _ = write!(
            out,
            r#"<g>{label}<rect x="{LABEL}" y="{y}" width="{span}" height="{}" class="track"/><rect x="{LABEL}" y="{y}" width="{w}" height="{}" class="{}"/><text x="{}" y="{}" class="value">{}</text></g>"#,
            ROW - 4,
            ROW - 4,
            bar.class,
            LABEL + span + 6,
            y + 12,
            escape(&bar.text)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, share: f64) -> Bar<'_> {
        Bar { label, share, text: format!("{share}"), class: "s-pass", href: None }
    }

    #[test]
    fn each_bar_is_as_long_as_its_share() {
        let svg = bars("t", &[bar("01", 1.0), bar("02", 0.5), bar("03", 0.0)]);
        assert!(svg.contains(r#"<rect x="44" y="2" width="280" height="14" class="s-pass"/>"#), "{svg}");
        assert!(svg.contains(r#"<rect x="44" y="20" width="140" height="14" class="s-pass"/>"#), "{svg}");
        assert!(svg.contains(r#"<rect x="44" y="38" width="0" height="14" class="s-pass"/>"#), "{svg}");
        assert!(svg.contains(r#"viewBox="0 0 420 58""#));
        // Out-of-range and undefined shares draw within the track.
        let svg = bars("t", &[bar("x", 7.0), bar("y", f64::NAN)]);
        assert!(svg.contains(r#"width="280" height="14" class="s-pass""#));
        assert!(svg.contains(r#"width="0" height="14" class="s-pass""#));
    }

    #[test]
    fn text_is_escaped_and_links_are_kept() {
        let mut b = bar("<script>alert('x')</script>", 0.5);
        b.href = Some("#t-\"x".into());
        let svg = bars("a & b", &[b]);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(svg.contains(r##"<a href="#t-&quot;x">"##));
        assert!(svg.contains("<title>a &amp; b</title>"));
        assert_eq!(escape("\u{1b}[31m"), "\u{fffd}[31m");
    }
}
