/// A standalone, A4-printable HTML page: the shell shared by the table export and any
/// document the engine assembles.
///
/// Everything is inline — styles included, no external fonts, scripts or images — so the
/// file prints and archives on its own. Times New Roman, as Vietnamese administrative
/// documents use (Liberation Serif, its metric twin, where it is missing); A4, 2 cm
/// margins, or 12–15 mm in landscape; table headers repeat on every printed page.
public struct HTMLDocument: Sendable, Hashable {
    /// The `<title>`, escaped.
    public var title: String
    /// The `lang` attribute.
    public var language: String
    /// Landscape A4 (wide tables such as the agency × item matrix).
    public var landscape: Bool

    public init(title: String, language: String = "vi", landscape: Bool = false) {
        self.title = title
        self.language = language
        self.landscape = landscape
    }

    /// The page's style sheet.
    ///
    /// Tables have a fixed layout at the page's width: columns take the shares their
    /// `<col>` elements give, and text wraps inside them (`overflow-wrap: anywhere`), so
    /// nothing is pushed off the printed page. Identifiers (`td.id`) are set small and
    /// monospaced and break anywhere; a table of more than eight columns (`wide`) uses
    /// 9.5-point type, a `compact` one 8-point.
    public var stylesheet: String {
        """
        @page { size: A4\(landscape ? " landscape" : ""); margin: \(landscape ? "12mm 12mm 12mm 15mm" : "2cm") }
        body { font-family: "Times New Roman", "Liberation Serif", Times, serif; font-size: 13pt; line-height: 1.35; color: #000; margin: 0 auto; max-width: \(landscape ? "27cm" : "17cm"); }
        h1 { font-size: 15pt; text-align: center; text-transform: uppercase; margin: 0 0 6pt }
        p.lead { text-align: center; font-style: italic; margin: 0 0 3pt }
        table { border-collapse: collapse; table-layout: fixed; width: 100%; margin: 12pt 0; font-size: 11pt }
        table.wide { font-size: 9.5pt }
        table.compact { font-size: 8pt; line-height: 1.2; margin: 8pt 0 }
        th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; overflow-wrap: anywhere }
        table.compact th, table.compact td { padding: 1pt 2pt }
        th { font-weight: bold; text-align: center; vertical-align: middle; overflow-wrap: normal; hyphens: manual }
        td.n { text-align: right; white-space: nowrap }
        td.d { text-align: center }
        td.id { font-family: "DejaVu Sans Mono", "Liberation Mono", "Courier New", monospace; font-size: 6.5pt; word-break: break-all }
        thead { display: table-header-group }
        tr { page-break-inside: avoid; break-inside: avoid }
        div.khoi + div.khoi { margin-top: 14pt }
        svg { display: block; margin: 12pt auto; max-width: 100% }
        @media screen { body { padding: 1cm 0 } }
        @media print { body { max-width: none } }
        """
    }

    /// Everything before the body content: doctype, head with charset and styles, `<body>`.
    public var head: String {
        "<!DOCTYPE html>\n<html lang=\"\(HTML.escape(language))\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>\(HTML.escape(title))</title>\n<style>\n\(stylesheet)\n</style>\n</head>\n<body>\n"
    }

    /// Everything after the body content.
    public var tail: String { "</body>\n</html>\n" }

    /// A whole page around `body`, an HTML fragment the caller built (and escaped).
    public func page(body: String) -> String { head + body + tail }
}
