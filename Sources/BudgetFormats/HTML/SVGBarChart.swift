/// A horizontal bar chart as inline SVG: one labelled bar per value, the value at its end.
///
/// For the cover memo and reports: no external resources, no scripts, integer
/// coordinates, so the same bars give the same text. Labels are escaped and never cut: a
/// label too long for its column wraps onto more lines (at spaces; a word longer than the
/// column is broken), and its row grows to hold them; the full label is also in a
/// `<title>` tooltip. Values are grouped with "." ("150.000.000"). Bars are scaled to the
/// largest value; a zero or negative value draws no bar (its value is still printed).
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
    /// The height of one more line of a wrapped label.
    static let lineHeight = 14
    /// An average glyph width at 12 px Times, for fitting values; generous so text does
    /// not overflow.
    static let glyphWidth = 7
    /// A digit's width at 12 px Times, the unit of ``TextFit``'s glyph widths.
    static let digitWidth = 6.0

    /// The `<svg>` element.
    public func render() -> String {
        let width = min(max(200, self.width), 100_000)
        let values = bars.map { NumberText.grouped($0.value) }
        let valueWidth = max(60, (values.map(\.count).max() ?? 0) * Self.glyphWidth + 2 * Self.padding)
        let labelWidth = width * 40 / 100
        let barStart = labelWidth + Self.padding
        let barArea = max(10, width - barStart - valueWidth - Self.padding)
        let largest = bars.map(\.value).max() ?? 0
        let room = Double(labelWidth - 2 * Self.padding) / Self.digitWidth
        let labels = bars.map { Self.wrap($0.label, room: room) }
        let heights = labels.map { max(Self.rowHeight, $0.count * Self.lineHeight + 10) }
        let height = heights.reduce(0, +) + 2 * Self.padding

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\""
        svg += " viewBox=\"0 0 \(width) \(height)\" role=\"img\""
        if let title { svg += " aria-label=\"\(HTML.escape(title))\"" }
        svg += " font-family=\"'Times New Roman', 'Liberation Serif', Times, serif\" font-size=\"\(Self.fontSize)\">\n"
        if let title { svg += "<title>\(HTML.escape(title))</title>\n" }
        var top = Self.padding
        for (index, bar) in bars.enumerated() {
            let rowHeight = heights[index]
            let middle = top + rowHeight / 2
            let baseline = middle + Self.fontSize * 35 / 100
            let lines = labels[index]
            let firstBaseline = baseline - (lines.count - 1) * Self.lineHeight / 2
            let length = Self.length(of: bar.value, largest: largest, area: barArea)
            svg += "<g><title>\(HTML.escape(bar.label)): \(values[index])</title>"
            svg += "<text x=\"\(labelWidth)\" y=\"\(firstBaseline)\" text-anchor=\"end\">"
            for (number, line) in lines.enumerated() {
                let dy = number == 0 ? "" : " dy=\"\(Self.lineHeight)\""
                svg += "<tspan x=\"\(labelWidth)\"\(dy)>\(HTML.escape(line))</tspan>"
            }
            svg += "</text>"
            if length > 0 {
                svg += "<rect x=\"\(barStart)\" y=\"\(middle - Self.barHeight / 2)\" width=\"\(length)\""
                svg += " height=\"\(Self.barHeight)\" fill=\"\(HTML.escape(color))\"/>"
            }
            svg += "<text x=\"\(barStart + length + Self.padding)\" y=\"\(baseline)\">\(values[index])</text></g>\n"
            top += rowHeight
        }
        svg += "</svg>"
        return svg
    }

    /// `label` in lines of at most `room` digit widths: broken at spaces, a longer word
    /// where the line is full. Nothing is dropped.
    static func wrap(_ label: String, room: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0.0
        for word in label.split(separator: " ") {
            let wordWidth = word.unicodeScalars.reduce(0.0) { $0 + TextFit.width(of: $1) } * 1.05
            if !line.isEmpty && lineWidth + 0.5 + wordWidth <= room {
                line += " " + word
                lineWidth += 0.5 + wordWidth
                continue
            }
            if !line.isEmpty { lines.append(line) }
            line = ""
            lineWidth = 0
            if wordWidth <= room {
                line = String(word)
                lineWidth = wordWidth
                continue
            }
            for character in word {
                let w = character.unicodeScalars.reduce(0.0) { $0 + TextFit.width(of: $1) } * 1.05
                if !line.isEmpty && lineWidth + w > room {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                line.append(character)
                lineWidth += w
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
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
