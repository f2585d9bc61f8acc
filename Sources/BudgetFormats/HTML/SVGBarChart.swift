/// A horizontal bar chart as inline SVG: one labelled bar per value, the value at its end.
///
/// For the cover memo and reports: no external resources, no scripts, integer
/// coordinates, so the same bars give the same text. Labels are escaped; a label too long
/// for its column is shortened with "…" and the full label kept in a `<title>` tooltip.
/// Values are grouped with "." ("150.000.000"). Bars are scaled to the largest value; a
/// zero or negative value draws no bar (its value is still printed).
public struct SVGBarChart: Sendable, Hashable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Int64

        public init(label: String, value: Int64) {
            self.label = label
            self.value = value
        }
    }

    public var bars: [Bar]
    /// The width in CSS pixels, taken within 200…100 000.
    public var width: Int
    /// The chart's accessible name (`<title>` and `aria-label`), if any.
    public var title: String?
    /// The bar colour, a CSS colour.
    public var color: String

    public init(
        bars: [(label: String, value: Int64)], width: Int = 640, title: String? = nil, color: String = "#3B5B8C"
    ) {
        self.bars = bars.map { Bar(label: $0.label, value: $0.value) }
        self.width = width
        self.title = title
        self.color = color
    }

    static let rowHeight = 24
    static let barHeight = 16
    static let padding = 4
    static let fontSize = 12
    /// An average glyph width at 12 px Times, for fitting text; generous so text does not
    /// overflow.
    static let glyphWidth = 7

    /// The `<svg>` element.
    public func render() -> String {
        let width = min(max(200, self.width), 100_000)
        let values = bars.map { NumberText.grouped($0.value) }
        let valueWidth = max(60, (values.map(\.count).max() ?? 0) * Self.glyphWidth + 2 * Self.padding)
        let labelWidth = width * 35 / 100
        let barStart = labelWidth + Self.padding
        let barArea = max(10, width - barStart - valueWidth - Self.padding)
        let largest = bars.map(\.value).max() ?? 0
        let height = bars.count * Self.rowHeight + 2 * Self.padding
        let maxLabel = max(4, (labelWidth - 2 * Self.padding) / Self.glyphWidth)

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\""
        svg += " viewBox=\"0 0 \(width) \(height)\" role=\"img\""
        if let title { svg += " aria-label=\"\(HTML.escape(title))\"" }
        svg += " font-family=\"'Times New Roman', Times, serif\" font-size=\"\(Self.fontSize)\">\n"
        if let title { svg += "<title>\(HTML.escape(title))</title>\n" }
        for (index, bar) in bars.enumerated() {
            let top = Self.padding + index * Self.rowHeight
            let baseline = top + Self.rowHeight / 2 + Self.fontSize * 35 / 100
            let length = Self.length(of: bar.value, largest: largest, area: barArea)
            let shown = bar.label.count > maxLabel ? String(bar.label.prefix(maxLabel - 1)) + "…" : bar.label
            svg += "<g><title>\(HTML.escape(bar.label)): \(values[index])</title>"
            svg += "<text x=\"\(labelWidth)\" y=\"\(baseline)\" text-anchor=\"end\">\(HTML.escape(shown))</text>"
            if length > 0 {
                svg +=
                    "<rect x=\"\(barStart)\" y=\"\(top + (Self.rowHeight - Self.barHeight) / 2)\" width=\"\(length)\""
                svg += " height=\"\(Self.barHeight)\" fill=\"\(HTML.escape(color))\"/>"
            }
            svg += "<text x=\"\(barStart + length + Self.padding)\" y=\"\(baseline)\">\(values[index])</text></g>\n"
        }
        svg += "</svg>"
        return svg
    }

    /// `value / largest × area`, rounded; at least 1 pixel for a positive value.
    static func length(of value: Int64, largest: Int64, area: Int) -> Int {
        guard value > 0, largest > 0 else { return 0 }
        // 128-bit product: value × area cannot overflow, however large the amounts.
        let product = value.multipliedFullWidth(by: Int64(area))
        let (quotient, remainder) = largest.dividingFullWidth(product)
        let rounded = remainder >= largest - remainder ? quotient + 1 : quotient
        return max(1, Int(rounded))
    }
}
